import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import { navigate, useLocation } from '../router';

const SUGGEST_DELAY_MS = 150;

/** Suggestions for what is typed, asked for once typing pauses; an older answer never replaces a newer one. */
function useSuggestions(text: string): string[] {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => {
    const prefix = text.trim();
    if (prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      unwrap(api.GET('/api/v1/search/suggest', { params: { query: { q: prefix, limit: '8' } } })).then(
        (answer) => current && setSuggestions(answer.suggestions),
        () => current && setSuggestions([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return suggestions;
}

/**
 * The header's search box: a combobox (ARIA 1.2) whose suggestions come from
 * `/api/v1/search/suggest` as the person types; arrows move through them, Enter searches.
 */
export function SearchBox() {
  const { pathname, search } = useLocation();
  const listId = useId();
  const [text, setText] = useState(() =>
    pathname === '/search' ? (new URLSearchParams(search).get('q') ?? '') : '',
  );
  const suggestions = useSuggestions(text);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);

  // A search made elsewhere (a category link, the back button) shows its words here.
  useEffect(() => {
    if (pathname === '/search') setText(new URLSearchParams(search).get('q') ?? '');
  }, [pathname, search]);

  const go = (query: string) => {
    setOpen(false);
    setActive(-1);
    if (query.trim()) navigate(`/search?q=${encodeURIComponent(query.trim())}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(active >= 0 ? (suggestions[active] ?? text) : text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const showList = open && suggestions.length > 0;

  return (
    <search className="search-box" aria-label="Products">
      <form onSubmit={submit}>
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          Search products
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          role="combobox"
          aria-expanded={showList}
          aria-controls={`${listId}-list`}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${listId}-option-${active}` : undefined}
          autoComplete="off"
          placeholder="Search products"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      <div
        id={`${listId}-list`}
        role="listbox"
        aria-label="Suggestions"
        className="suggestions"
        hidden={!showList}
      >
        {suggestions.map((suggestion, index) => (
          <div
            key={suggestion}
            tabIndex={-1}
            id={`${listId}-option-${index}`}
            role="option"
            aria-selected={index === active}
            // Chosen on mouse down, before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              setText(suggestion);
              go(suggestion);
            }}
          >
            {suggestion}
          </div>
        ))}
      </div>
    </search>
  );
}
