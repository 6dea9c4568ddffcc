import * as React from "react";

import { cn } from "./cn";
import { Label } from "./label";

/** Props FormField injects into its control. */
export interface FormFieldControlProps {
  id?: string;
  required?: boolean;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
  "aria-describedby"?: string;
}

export interface FormFieldProps extends Omit<React.ComponentProps<"div">, "children"> {
  label: React.ReactNode;
  /** The single form control (Input, Textarea, Select, Checkbox…). It receives id, aria-invalid and aria-describedby. */
  children: React.ReactElement<FormFieldControlProps>;
  /** Error message; when set the control is marked aria-invalid and described by it. */
  error?: string;
  /** Helper text shown below the control. */
  description?: React.ReactNode;
  /** Control id (defaults to the child's id or a generated one). */
  htmlFor?: string;
  /** Marks the control as required and shows a marker on the label. */
  required?: boolean;
  labelClassName?: string;
}

export function FormField({
  className,
  label,
  children,
  error,
  description,
  htmlFor,
  required,
  labelClassName,
  ...props
}: FormFieldProps) {
  const generatedId = React.useId();
  const child = React.Children.only(children);
  const controlId = htmlFor ?? child.props.id ?? `${generatedId}-control`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy =
    [child.props["aria-describedby"], descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  const control = React.cloneElement(child, {
    id: controlId,
    "aria-invalid": error ? true : child.props["aria-invalid"],
    "aria-describedby": describedBy,
    ...(required !== undefined ? { required } : {}),
  });

  return (
    <div
      data-slot="form-field"
      data-invalid={error ? true : undefined}
      className={cn("grid gap-2", className)}
      {...props}
    >
      <Label htmlFor={controlId} required={required} className={cn(error && "text-destructive", labelClassName)}>
        {label}
      </Label>
      {control}
      {description ? (
        <p id={descriptionId} data-slot="form-field-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} data-slot="form-field-error" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
