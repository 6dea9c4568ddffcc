"use client";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * Per-field errors (zod paths from the server) and a form-level error, for a form whose state
 * useForm's string values cannot hold (lists, checkboxes, drafts). `submit(save)` is the form's
 * onSubmit: it clears both, runs `save` and, when that throws, keeps the field errors or, with
 * none, the message for the whole form.
 */
export function useSubmitErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (save: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await save();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    }
  };
  return { errors, setErrors, formError, submit };
}
