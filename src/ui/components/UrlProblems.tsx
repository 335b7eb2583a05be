/** What was wrong with the address the page was opened from; the page runs on with defaults. */
import { useView } from '../../app/view-store';

export function UrlProblems() {
  const { problems, dismissProblems } = useView();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="url-problems">
      <p>Part of this link could not be used, so defaults apply there:</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <button type="button" onClick={dismissProblems}>
        Dismiss
      </button>
    </div>
  );
}
