import {
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
} from 'react';

interface FieldBase {
  label: string;
  /** The message the API gave for this field (ApiError.fieldErrors[name]). */
  error?: string | undefined;
  /** A hint under the label, read with the input. */
  hint?: ReactNode;
}

type InputFieldProps = FieldBase & { as?: 'input' } & InputHTMLAttributes<HTMLInputElement>;
type SelectFieldProps = FieldBase & { as: 'select' } & SelectHTMLAttributes<HTMLSelectElement>;
type TextareaFieldProps = FieldBase & { as: 'textarea' } & TextareaHTMLAttributes<HTMLTextAreaElement>;

/**
 * A labelled input, select or textarea with its error: the error is tied to the control by
 * `aria-describedby` and marks it `aria-invalid`, so a screen reader reads it with the field.
 */
export function Field(props: InputFieldProps | SelectFieldProps | TextareaFieldProps) {
  const { label, error, hint, as, id: givenId, ...control } = props;
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {as === 'select' ? (
        <select {...(control as SelectHTMLAttributes<HTMLSelectElement>)} {...common} />
      ) : as === 'textarea' ? (
        <textarea {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...common} />
      ) : (
        <input {...(control as InputHTMLAttributes<HTMLInputElement>)} {...common} />
      )}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A ref for a form that, once the API's answer names fields, moves focus to the first of them,
 * so a keyboard or screen reader user lands on what to fix (its message is read with it).
 */
export function useFocusOnInvalid(error: unknown): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return form;
}
