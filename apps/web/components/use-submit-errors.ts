"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * A form's submit: per-field errors (zod paths from the server), a form-level error and the pending
 * state. `submit(save)` is the form's onSubmit: it clears both errors, runs `save` and, when that
 * throws, keeps the field errors or, with none, the message for the whole form. After a failed submit
 * the first invalid control gets the focus (a screen reader then reads its label and error, which it
 * is described by); with only a form-level error (an alert) the focus goes back to the submit
 * button, which the pending state had disabled and so taken the focus from. useForm adds string
 * values on top; forms whose state strings cannot hold (lists, checkboxes, drafts) use this alone.
 */
export function useSubmitErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failures, setFailures] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!failures || !form?.isConnected) return;
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else if (!form.contains(document.activeElement)) form.querySelector<HTMLElement>('[type="submit"]')?.focus();
  }, [failures]);
  const submit = (save: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    formRef.current = e.currentTarget instanceof HTMLFormElement ? e.currentTarget : null;
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      await save();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
      setFailures((n) => n + 1);
    } finally {
      setPending(false);
    }
  };
  return { errors, setErrors, formError, pending, submit };
}
