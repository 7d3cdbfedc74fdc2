// What a panel shows besides its charts: a message when it has nothing to draw or failed. The
// panel's `data-state` (ready, empty, error) tells a test or a person which it is.

export function panel(name) {
  return document.querySelector(`[data-panel="${name}"]`);
}

/** Shows the panel's charts (`ready`), or hides them behind `message` (`empty` or `error`). */
export function setPanelState(section, state, message = '') {
  section.dataset.state = state;
  const note = section.querySelector('.panel-message');
  note.textContent = message;
  note.hidden = state === 'ready';
  note.classList.toggle('error', state === 'error');
  for (const box of section.querySelectorAll('.chart-box, .stats, .legend-notes')) {
    box.hidden = state !== 'ready';
  }
}

/** A new element with a class and text (never HTML: the data is shown as text). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
