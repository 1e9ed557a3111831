import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/use-api';
import { Field } from '../../components/field';

/**
 * The category of a product: every node of the tree (a product may sit on a department or any
 * of its subcategories), grouped by department.
 */
export function CategorySelect({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange(slug: string): void;
}) {
  const categories = useApi(() => unwrap(api.GET('/api/v1/categories')), []);
  const departments = categories.data?.categories ?? [];
  const loadError =
    categories.status === 'failed' ? 'The categories could not be loaded; try again.' : undefined;
  return (
    <Field
      as="select"
      label="Category"
      name="category"
      required
      value={value}
      error={error ?? loadError}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{categories.data ? 'Choose a category' : 'Loading categories…'}</option>
      {departments.map((department) => (
        <optgroup key={department.slug} label={department.name}>
          <option value={department.slug}>{department.name} (all)</option>
          {department.children.map((child) => (
            <option key={child.slug} value={child.slug}>
              {child.name}
            </option>
          ))}
        </optgroup>
      ))}
    </Field>
  );
}
