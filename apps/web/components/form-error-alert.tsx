import { Alert, AlertDescription } from "@vendaflow/ui/alert";

/** What a failed save said that no field shows: the form-level error and the unplaced field errors, in one alert. */
export function FormErrorAlert({ formError, unplaced = [] }: { formError: string | null; unplaced?: string[] }) {
  if (!formError && !unplaced.length) return null;
  return <Alert variant="destructive"><AlertDescription>{[formError, ...unplaced].filter(Boolean).join(" ")}</AlertDescription></Alert>;
}
