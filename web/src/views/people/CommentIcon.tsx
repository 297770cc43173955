/** A speech bubble drawn inline (emoji fonts are not everywhere). */
export function CommentIcon() {
  return (
    <svg class="comment-icon" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M2.5 2.5h11a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H7l-3.5 3v-3h-1a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round" />
    </svg>
  );
}
