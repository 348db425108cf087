import type { ClassGrid } from "@/lib/teach/grid";
import { TableHead } from "@/components/ui/table-head";

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Completion per lesson (a bar chart that is also a table), median reading time, the hardest exercises. */
export function ClassSummary({ grid }: { grid: ClassGrid }) {
  const { learners, lessons, hardest } = grid.summary;
  return (
    <section aria-labelledby="summary-title" className="class-summary">
      <h2 id="summary-title">Summary</h2>
      <div className="summary-columns">
        <div>
          <h3>Completion per lesson</h3>
          {lessons.length ? (
            <table className="bar-table">
              <caption className="visually-hidden">Learners who completed each assigned lesson, and the median time they spent reading it</caption>
              <TableHead columns={["Lesson", "Completed", "Median time"]} />
              <tbody>
                {lessons.map((l) => {
                  const pct = learners ? Math.round((l.completed / learners) * 100) : 0;
                  return (
                    <tr key={l.lessonId}>
                      <th scope="row">
                        <span className="muted">{l.label}</span> {l.title}
                      </th>
                      <td>
                        <span className="bar" aria-hidden="true">
                          <span style={{ width: `${pct}%` }} />
                        </span>
                        <span className="bar-value">
                          {l.completed} of {learners} <span className="muted">({pct}%)</span>
                        </span>
                      </td>
                      <td>{duration(l.medianSeconds)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="muted">Assign lessons to see how the class gets on with them.</p>
          )}
        </div>
        <div>
          <h3>Hardest exercises</h3>
          {hardest.length ? (
            <ol className="hardest-list">
              {hardest.map((e) => (
                <li key={e.exerciseId}>
                  <strong>{e.title}</strong> <span className="muted">({e.lessonId.split("/").pop()})</span>
                  <br />
                  {e.passed} of {e.attempted} passed · {e.failedAttempts} failed {e.failedAttempts === 1 ? "attempt" : "attempts"}
                  {e.meanAttemptsToPass !== null ? ` · ${e.meanAttemptsToPass} attempts to pass on average` : ""}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No failed attempts yet.</p>
          )}
        </div>
      </div>
    </section>
  );
}
