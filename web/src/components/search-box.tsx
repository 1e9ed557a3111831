import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import { navigate, useLocation } from '../router';

const SUGGEST_DELAY_MS = 150;
const SUGGESTIONS = '8';

/** Suggestions for what the person is typing (none until two characters, or while closed). */
function useSuggestions(text: string, wanted: boolean): string[] {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => {
    const prefix = text.trim();
    if (!wanted || prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      unwrap(
        api.GET('/api/v1/search/suggest', { params: { query: { q: prefix, limit: SUGGESTIONS } } }),
      ).then(
        (answer) => current && setSuggestions(answer.suggestions),
        () => current && setSuggestions([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, wanted]);
  return suggestions;
}

/** The listbox of suggestions, and a polite announcement of how many there are. */
function SuggestionList({
  listId,
  suggestions,
  active,
  shown,
  onChoose,
}: {
  listId: string;
  suggestions: string[];
  active: number;
  shown: boolean;
  onChoose: (suggestion: string) => void;
}) {
  return (
    <>
      <div
        id={`${listId}-list`}
        role="listbox"
        aria-label="Suggestions"
        className="suggestions"
        hidden={!shown}
      >
        {suggestions.map((suggestion, index) => (
          <div
            key={suggestion}
            tabIndex={-1}
            id={optionIdOf(listId, index)}
            role="option"
            aria-selected={index === active}
            // Chosen on mouse down (a tap sends one too), before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              onChoose(suggestion);
            }}
          >
            {suggestion}
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {shown
          ? `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'}: use the up and down arrows`
          : ''}
      </p>
    </>
  );
}

const optionIdOf = (listId: string, index: number) => `${listId}-option-${index}`;

/** The highlighted option after Down (+1) or Up (-1): round the list, from none to an end. */
function stepped(index: number, by: number, count: number): number {
  if (index < 0) return by > 0 ? 0 : count - 1;
  return (index + by + count) % count;
}

/** Down and Up highlight (Alt+Down only opens), Escape closes the list, or clears the box when closed. */
function listKeys(list: {
  shown: boolean;
  count: number;
  open: (open: boolean) => void;
  highlight: (step: (index: number) => number) => void;
  close: () => void;
  clear: () => void;
}) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const by = event.key === 'ArrowDown' ? 1 : -1;
      list.open(!event.altKey || by > 0);
      if (!event.altKey && list.count > 0) list.highlight((index) => stepped(index, by, list.count));
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (list.shown) list.close();
      else list.clear();
    }
  };
}

/**
 * The header's search box: an ARIA 1.2 combobox whose listbox holds the API's suggestions
 * for what is typed. Down and Up move through them (Alt+Down only opens), Enter searches for
 * the highlighted one or the text, Escape closes the list or else clears the box; a click or
 * tap on a suggestion searches for it. On the search page the box shows the URL's words, so
 * Back and Forward keep the two in step.
 */
export function SearchBox() {
  const { pathname, search } = useLocation();
  const listId = useId();
  const urlWords = pathname === '/search' ? (new URLSearchParams(search).get('q') ?? '') : null;
  const [text, setText] = useState(urlWords ?? '');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const suggestions = useSuggestions(text, open);
  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  useEffect(() => {
    if (urlWords === null) return;
    setText(urlWords);
    setOpen(false);
    setActive(-1);
  }, [urlWords]);

  const go = (words: string) => {
    close();
    setText(words);
    if (words.trim()) navigate(`/search?q=${encodeURIComponent(words.trim())}`);
  };
  const showList = open && suggestions.length > 0;
  const onKeyDown = listKeys({
    shown: showList,
    count: suggestions.length,
    open: setOpen,
    highlight: setActive,
    close,
    clear: () => setText(''),
  });

  return (
    <search className="search-box" aria-label="Products">
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          go(showList && active >= 0 ? (suggestions[active] ?? text) : text);
        }}
      >
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
          aria-activedescendant={showList && active >= 0 ? optionIdOf(listId, active) : undefined}
          autoComplete="off"
          enterKeyHint="search"
          placeholder="Search products"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      <SuggestionList
        listId={listId}
        suggestions={suggestions}
        active={active}
        shown={showList}
        onChoose={go}
      />
    </search>
  );
}
