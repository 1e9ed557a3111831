import { type DragEvent, useId, useState } from 'react';
import './file-drop.css';

/**
 * Files by drag and drop onto the area, or by its file input (the way for keyboards and
 * screen readers: the input is a real, labelled control). `onFiles` receives them either way.
 */
export function FileDrop({
  label,
  hint,
  accept,
  multiple = false,
  disabled = false,
  error,
  onFiles,
}: {
  label: string;
  hint?: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** A message about the last files (the API's or the upload's), read with the input. */
  error?: string | undefined;
  onFiles(files: File[]): void;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (disabled || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the labelled file input inside does the same for keyboards
    <div
      className={['file-drop', over ? 'file-drop-over' : '', error ? 'file-drop-invalid' : ''].join(' ')}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again still reports it.
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p className="file-drop-or" aria-hidden="true">
        or drag and drop here
      </p>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
