import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";

// Labelled form controls with their hint and errors wired up for assistive
// technology: the label names the control, aria-describedby reads the hint and the
// errors, aria-invalid marks a field the server refused.

type FieldChrome = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
};

function useFieldIds(id: string | undefined, hint: ReactNode, errors: FieldChrome["errors"]) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = errors?.length ? `${controlId}-error` : undefined;
  return {
    controlId,
    hintId,
    errorId,
    aria: {
      "aria-invalid": errorId ? true : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
    },
  };
}

export function FieldErrors({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}

function Chrome({ ids, label, hint, errors, children }: FieldChrome & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={ids.controlId}>{label}</label>
      {children}
      {hint ? (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

export function Field({ label, hint, errors, id, ...input }: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <Chrome ids={ids} label={label} hint={hint} errors={errors}>
      <input id={ids.controlId} {...ids.aria} {...input} />
    </Chrome>
  );
}

export function SelectField({ label, hint, errors, id, children, ...select }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <Chrome ids={ids} label={label} hint={hint} errors={errors}>
      <select id={ids.controlId} {...ids.aria} {...select}>
        {children}
      </select>
    </Chrome>
  );
}

export function TextareaField({ label, hint, errors, id, ...textarea }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id, hint, errors);
  return (
    <Chrome ids={ids} label={label} hint={hint} errors={errors}>
      <textarea id={ids.controlId} {...ids.aria} {...textarea} />
    </Chrome>
  );
}

/** A set of checkboxes sharing one name, e.g. roles; the legend names the group. */
export function CheckboxGroup({
  legend,
  name,
  options,
  defaultValues = [],
  hint,
  errors,
}: {
  legend: ReactNode;
  name: string;
  options: readonly { value: string; label: ReactNode }[];
  defaultValues?: readonly string[];
  hint?: ReactNode;
  errors?: readonly string[] | null;
}) {
  const ids = useFieldIds(undefined, hint, errors);
  return (
    <fieldset aria-describedby={ids.aria["aria-describedby"]}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} style={{ fontWeight: "normal" }}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} /> {o.label}
        </label>
      ))}
      <FieldErrors id={ids.errorId} errors={errors} />
    </fieldset>
  );
}

/** A message about the whole form (not one field), announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="notice error">
      {message}
    </p>
  );
}
