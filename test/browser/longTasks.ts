/**
 * Main-thread long tasks of a page, for the Customers and Models responsiveness checks: a
 * PerformanceObserver ("longtask", buffered) installed before the page's own scripts, read back as
 * {start, duration} in milliseconds of the page's performance.now().
 */
import type { Page } from "playwright-core";

/** One long task (milliseconds, page clock). */
export interface LongTask {
  start: number;
  duration: number;
}

/** Record every long task of the pages `page` opens from now on (call before `page.goto`). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
}

/** The long tasks recorded so far that end after `fromMs` (page clock), and the page clock now. */
export async function longTasksSince(page: Page, fromMs: number): Promise<{ tasks: LongTask[]; now: number }> {
  const { tasks, now } = await page.evaluate(() => ({ tasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks, now: performance.now() }));
  return { tasks: tasks.filter((t) => t.start + t.duration > fromMs), now };
}
