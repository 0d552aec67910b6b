/** Whether a key press is typing into a field, where single-letter shortcuts must not fire. */
export function isTyping(event: KeyboardEvent): boolean {
  return event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
}
