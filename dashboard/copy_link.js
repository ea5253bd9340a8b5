// The share link as text, and a button that puts it on the clipboard.
// The link holds URL parameters a visitor typed, so it is only ever set as text.
export default function (component) {
  const { data, parentElement } = component;
  const link = parentElement.querySelector(".share-link");
  const button = parentElement.querySelector(".copy-button");
  const status = parentElement.querySelector(".copy-status");
  link.textContent = data.url;
  status.textContent = "";

  function selectLink() {
    const range = document.createRange();
    range.selectNodeContents(link);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection() {
    // Plain http on a LAN address has no clipboard API: copy the selected text the old way.
    selectLink();
    return document.execCommand && document.execCommand("copy");
  }

  button.onclick = async () => {
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(data.url);
        copied = true;
      } catch (error) {
        copied = copyBySelection();
      }
    } else {
      copied = copyBySelection();
    }
    status.textContent = copied ? "Copied" : "Select the link and press Ctrl+C";
    if (!copied) selectLink();
  };
}
