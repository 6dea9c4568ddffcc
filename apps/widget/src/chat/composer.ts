/** Composer behaviour: Enter sends, Shift+Enter (or IME composition) inserts a newline; grows up to 120px. */
export function wireComposer(input: HTMLTextAreaElement, button: HTMLButtonElement, onSubmit: (text: string) => void): () => void {
  const grow = (): void => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 2, 120)}px`;
  };
  const submit = (): void => {
    const text = input.value.trim();
    if (!text || input.disabled) return;
    input.value = "";
    grow();
    onSubmit(text);
    input.focus();
  };
  input.addEventListener("input", grow);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  });
  button.addEventListener("click", submit);
  return grow;
}
