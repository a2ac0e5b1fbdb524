import { useState } from 'preact/hooks';

/** Copies a value; says so for screen readers too. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="copy"
      aria-label={`Copy ${label} ${value}`}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 1500);
          },
          () => setDone(false),
        );
      }}
    >
      {done ? 'Copied' : 'Copy'}
      <span class="visually-hidden" role="status">
        {done ? `${label} copied` : ''}
      </span>
    </button>
  );
}
