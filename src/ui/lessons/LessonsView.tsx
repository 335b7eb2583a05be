/**
 * The lessons view, loaded lazily: the list, or a lesson beside the lab
 * panels showing that lesson's world. Progress problems (an unreadable saved
 * state) are shown here as a notice, never as a blank page.
 */
import { useLab } from '../../app/lab-store';
import { lazyPart } from '../components/lazy-part';
import { LazyView } from '../components/LazyView';
import { useLessonSession } from '../../app/lesson-session';
// The lab panels load after the lesson's text: the prose is readable first.
const Lab = lazyPart(() => import('../Lab'));
import { LessonList } from './LessonList';
import { LessonPage } from './LessonPage';
import { ProgressFiles, ProgressNoticeBanner } from './ProgressPanel';
import './lessons.css';

export default function LessonsView() {
  const { catalog, lesson, error } = useLessonSession();
  const world = useLab((s) => s.world);
  const lent = useLab((s) => s.lent);
  return (
    <main className="lessons-view">
      <ProgressNoticeBanner />
      {!catalog && <p role="status">Loading the lessons…</p>}
      {catalog && !lesson && (
        <>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <LessonList catalog={catalog} />
          <ProgressFiles catalog={catalog} />
        </>
      )}
      {catalog && lesson && (
        <div className="guided">
          <LessonPage lesson={lesson} lessons={catalog.lessons} />
          {world && lent ? (
            <LazyView part={Lab} props={{ world, guided: true }} name="The lesson's world" loading={<p role="status">Loading the lab panels…</p>} resetKey={world} />
          ) : (
            <p role="status">Starting the lesson's world…</p>
          )}
        </div>
      )}
    </main>
  );
}
