/** Previous / Next over a paged list (`{offset, limit, total}`), named for screen readers by `label`. */
export function Pager({
  label,
  offset,
  pageSize,
  total,
  onOffset,
}: {
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  if (total <= pageSize) return null;
  return (
    <nav class="row pager" aria-label={label}>
      <button
        type="button"
        class="button button--small button--quiet"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      >
        Previous
      </button>
      <span>
        {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
      </span>
      <button
        type="button"
        class="button button--small button--quiet"
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
      >
        Next
      </button>
    </nav>
  );
}
