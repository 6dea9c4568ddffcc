/** The server's limit (widgetSendInput's text). No maxlength: it would cut a long paste silently. */
export const MAX_TEXT = 2000;

/**
 * Composer behaviour: Enter sends, Shift+Enter (or IME composition) inserts a newline; grows up to
 * 120px. `onLength` hears how many characters are over MAX_TEXT (≤ 0: none) as the text changes;
 * a text over it stays in the composer instead of being sent.
 */
export function wireComposer(input: HTMLTextAreaElement, button: HTMLButtonElement, onSubmit: (text: string) => void, onLength: (over: number) => void): () => void {
  const grow = (): void => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  };
  const submit = (): void => {
    const text = input.value.trim();
    if (!text || input.disabled || !fits()) return;
    input.value = "";
    grow();
    onSubmit(text);
    input.focus();
  };
  const fits = (): boolean => {
    const over = input.value.trim().length - MAX_TEXT;
    onLength(over);
    return over <= 0;
  };
  input.addEventListener("input", () => {
    grow();
    fits();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  });
  button.addEventListener("click", submit);
  return grow;
}
