import { useRef } from 'react';

/**
 * Where focus goes after a form that had it goes away: to the choice it added, once that is on
 * the page. `expect(id)` when the form saves; `ref(id)` on each choice's input.
 */
export function useFocusAdded() {
  const pending = useRef<string | null>(null);
  return {
    expect(id: string): void {
      pending.current = id;
    },
    ref(id: string) {
      return (element: HTMLInputElement | null) => {
        if (!element || pending.current !== id) return;
        pending.current = null;
        element.focus();
      };
    },
  };
}
