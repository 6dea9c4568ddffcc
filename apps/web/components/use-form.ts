"use client";
import { useState, type FormEvent } from "react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * Form state for a mutation: values, per-field errors (zod paths from the server) and a form-level
 * error. Input is kept on failure, so nothing typed is lost.
 */
export function useForm<T extends Record<string, string>>(initial: T, submit: (values: T) => Promise<unknown>) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const field = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      await submit(values);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return { values, setValues, errors, formError, pending, field, onSubmit };
}
