/** Every lesson with its objectives, the checklist IDs it proves and the learner's progress; unreadable lesson files with their errors. */
import type { Catalog } from '../../app/lesson-catalog';
import { lessonListItems, type LessonListItem } from '../../app/lesson-list';
import { useProgress } from '../../app/progress-store';
import { encodeUrlState } from '../../app/url-state';

export const lessonHref = (id: string, step?: number) => encodeUrlState({ view: 'lessons', authStyle: 'session', config: {}, lesson: { id, ...(step ? { step } : {}) } });

function progressText(item: Extract<LessonListItem, { kind: 'lesson' }>): string {
  if (item.doneSteps === 0 && !item.completed) return `Not started · ${item.totalSteps} steps`;
  const parts = [`${item.doneSteps} of ${item.totalSteps} steps done`];
  if (item.predicted > 0) parts.push(`${item.predictedRight} of ${item.predicted} predictions right`);
  if (item.completed) parts.push('completed');
  return parts.join(' · ');
}

export function LessonList({ catalog }: { catalog: Catalog }) {
  const progress = useProgress((s) => s.lessons);
  const items = lessonListItems(catalog, progress);
  return (
    <section className="pane lesson-list" aria-labelledby="lesson-list-title">
      <h2 id="lesson-list-title">Lessons</h2>
      <p className="note">Each lesson is also a test: every step you run is checked against what the shop really did.</p>
      <ol aria-label="Lessons, in order">
        {items.map((item) =>
          item.kind === 'lesson' ? (
            <li key={item.lesson.id} className={item.completed ? 'lesson-item completed' : 'lesson-item'}>
              <h3>
                <a href={lessonHref(item.lesson.id, item.resumeStep > 1 ? item.resumeStep : undefined)}>
                  {item.lesson.order}. {item.lesson.title}
                </a>
              </h3>
              <p>{item.lesson.summary}</p>
              <p className="lesson-progress">
                {item.completed && <span aria-hidden="true">✓ </span>}
                {progressText(item)}
                {item.resumeStep > 1 && !item.completed && ` · continue at step ${item.resumeStep}`}
              </p>
              <ul className="objectives" aria-label={`Objectives of ${item.lesson.title}`}>
                {item.lesson.objectives.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ul>
              <p className="proves">
                {item.lesson.proves.length > 0 ? `Proves checklist items ${item.lesson.proves.join(', ')}.` : 'Background: proves no checklist item on its own.'}
              </p>
              {item.problems.length > 0 && (
                <ul className="lesson-errors" aria-label={`Problems in ${item.lesson.title}`}>
                  {item.problems.map((p) => (
                    <li key={p}>
                      <code>{p}</code>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ) : (
            <li key={item.file} className="lesson-item broken">
              <h3>{item.file} could not be read</h3>
              <p>This lesson is unavailable until its file is fixed; the others work as usual.</p>
              <ul className="lesson-errors" aria-label={`Errors in ${item.file}`}>
                {item.errors.map((e) => (
                  <li key={e}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
