"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * Form state for a mutation: values, per-field errors (zod paths from the server) and a form-level
 * error. Input is kept on failure, so nothing typed is lost. After a failed submit the first invalid
 * control gets the focus (a screen reader then reads its label and error, which it is described by);
 * with only a form-level error (an alert) the focus goes back to the submit button, which the
 * pending state had disabled and so taken the focus from.
 */
export function useForm<T extends Record<string, string>>(initial: T, submit: (values: T) => Promise<unknown>) {
  const [values, setValues] = useState<T>(initial);
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
  const field = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    formRef.current = e.currentTarget instanceof HTMLFormElement ? e.currentTarget : null;
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      await submit(values);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
      setFailures((n) => n + 1);
    } finally {
      setPending(false);
    }
  };
  return { values, setValues, errors, formError, pending, field, onSubmit };
}
