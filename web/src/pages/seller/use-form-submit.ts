import { type RefObject, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';

export interface FormSubmit {
  busy: boolean;
  /** Field name → the API's message for it, shown beside that field. */
  fieldErrors: Record<string, string>;
  /** What no field shows (a conflict, a network failure), shown above the buttons. */
  formError: unknown;
  /** Runs `action`, holding off a second run until it ends; true when it succeeded. */
  run(action: () => Promise<void>): Promise<boolean>;
  /** Where the form is: after a failure naming fields, focus moves to the first one named. */
  formRef: RefObject<HTMLFormElement | null>;
}

/**
 * The submit state of a seller form. `codeFields` maps an error code the API answers without a
 * field (409 `STORE_NAME_TAKEN`) to the field it is about, so that message too sits by its field.
 */
export function useFormSubmit(codeFields: Record<string, string> = {}): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>();
  const [failures, setFailures] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const running = useRef(false);

  useEffect(() => {
    if (failures === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setFieldErrors({});
    setFormError(undefined);
    try {
      await action();
      return true;
    } catch (error) {
      const fields = fieldErrorsOf(error, codeFields);
      setFieldErrors(fields);
      setFormError(Object.keys(fields).length ? undefined : error);
      setFailures((n) => n + 1);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return { busy, fieldErrors, formError, run, formRef };
}

function fieldErrorsOf(error: unknown, codeFields: Record<string, string>): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const field = codeFields[error.code];
  return field ? { ...error.fieldErrors, [field]: error.message } : error.fieldErrors;
}
