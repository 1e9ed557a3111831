import { ComingSoon } from '../scaffold';

export default function SearchPage() {
  return (
    <ComingSoon
      title="Search"
      purpose="Search results with facets (category, price, rating), sort and pages."
    />
  );
}
