"use client";
import { useState } from "react";
import { useSubmitErrors } from "./use-submit-errors";

/**
 * Form state for a mutation: string values on top of useSubmitErrors (per-field and form-level
 * errors, pending, the focus after a failure). Input is kept on failure, so nothing typed is lost.
 */
export function useForm<T extends Record<string, string>>(initial: T, submit: (values: T) => Promise<unknown>) {
  const [values, setValues] = useState<T>(initial);
  const { errors, formError, pending, submit: onSubmitOf } = useSubmitErrors();
  const field = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  return { values, setValues, errors, formError, pending, field, onSubmit: onSubmitOf(() => submit(values)) };
}
