import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const FIRST_LESSON = "/learn/concurrency-and-parallelism/doing-several-things";

test("catalog → lesson → next lesson → back", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 }); // wide enough for the table of contents beside the lesson
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Python concurrency that really runs/);
  const chapter = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Concurrency, parallelism and multitasking" }) });
  await expect(chapter.getByText("12 min")).toBeVisible();
  await chapter.getByRole("link", { name: /Doing several things at once/ }).click();

  await expect(page).toHaveURL(FIRST_LESSON);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Doing several things at once");
  await expect(page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "One cook, two dishes" })).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: /Lessons in chapter 1/ });
  await expect(sidebar.getByRole("link", { name: /Doing several things at once/ })).toHaveAttribute("aria-current", "page");

  await page.getByRole("link", { name: /Next Waiting versus working/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Waiting versus working");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Doing several things at once");
});

test("code gets room at common laptop widths: wider runners than prose, the contents beside them from 1366 px", async ({ page }) => {
  for (const [width, toc] of [
    [1280, false],
    [1440, true],
    [1920, true],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(FIRST_LESSON);
    const contents = page.getByRole("navigation", { name: "On this page" });
    if (toc) await expect(contents, `${width} px`).toBeVisible();
    else await expect(contents, `${width} px`).toBeHidden();
    const runner = (await page.locator(".runner").first().boundingBox())!;
    const prose = (await page.locator(".prose > p").first().boundingBox())!;
    // The examples' lines run to 80–120 characters: at least 900 px of editor (was 680 at 1280, 840 at 1440).
    expect(runner.width, `${width} px`).toBeGreaterThanOrEqual(900);
    expect(runner.width, `${width} px`).toBeGreaterThan(prose.width);
  }
});

test("a lesson renders every component", async ({ page }) => {
  await page.goto(FIRST_LESSON);
  await expect(page.getByRole("complementary", { name: /Note: Concurrency is a property/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Two timelines/ })).toBeVisible();
  await expect(page.getByText("Concurrency on one core (left)")).toBeVisible();
  await expect(page.locator(".runner").first()).toContainText("A tiny round-robin scheduler");

  // The quiz is a keyboard-usable radio group with an explanation per answer.
  const quiz = page.locator(".quiz").first();
  const check = quiz.getByRole("button", { name: "Check answer" });
  await expect(check).toBeDisabled();
  await quiz.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await check.click();
  await expect(quiz.getByRole("status")).toHaveText(/Not quite/);
  await expect(quiz.getByText("It cannot be parallel")).toBeVisible();
  await quiz.getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(quiz.getByRole("status")).toHaveText("Correct!");

  // Fenced code blocks are highlighted at build time.
  await page.goto("/learn/concurrency-and-parallelism/waiting-versus-working");
  await expect(page.locator("pre.shiki").first()).toContainText("def io_bound():");
});

test("the theme can be switched and is remembered across reloads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).not.toHaveAttribute("data-theme", /./);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe("rgb(15, 18, 22)");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
});

test("unknown paths get a proper 404 page", async ({ page }) => {
  for (const path of ["/learn/concurrency-and-parallelism/no-such-lesson", "/no/such/page"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the course" })).toBeVisible();
  }
});

test("keyboard users can skip to the content and see where focus is", async ({ page }) => {
  await page.goto(FIRST_LESSON);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe("solid");
  // Two presses reach the first editor (issue 21, item 10), which shows the keys it needs while it has focus.
  await page.keyboard.press("Tab");
  const toCode = page.getByRole("link", { name: "Skip to the first code editor" });
  await expect(toCode).toBeFocused();
  await page.keyboard.press("Enter");
  const editor = page.locator(".code-editor").first();
  // Focus is inside the editor: Monaco's input is a textarea, or a div where the browser has EditContext (Chromium).
  await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el)).toBe(true);
  const keys = editor.getByTestId("editor-keys");
  await expect(keys).toContainText("Ctrl+Enter runs");
  await expect.poll(() => keys.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
});

test("the header's Sign in and Sign up are there without moving anything (issue 21, item 8)", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(FIRST_LESSON);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const headerShift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node: Node | null }[] })[]) {
            const inHeader = entry.sources?.some(({ node }) => (node instanceof Element ? node : node?.parentElement)?.closest(".site-header"));
            if (inHeader) sum += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(sum), 1500);
      }),
  );
  expect(headerShift).toBe(0);
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("the glossary: from the header, and from a term in a lesson to its definition; On your computer boxes", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Glossary" }).click();
  await expect(page).toHaveURL(/\/glossary$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Glossary");
  await expect(page.getByRole("heading", { level: 2, name: "Switch point" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto("/learn/concurrency-and-parallelism/waiting-versus-working");
  await expect(page.getByRole("complementary", { name: "On your computer: a sleep stands in for a download" })).toContainText("urllib.request.urlopen");
  await page.locator(".prose").getByRole("link", { name: "switch point" }).first().click();
  await expect(page).toHaveURL(/\/glossary#switch-point$/);
  await expect(page.getByRole("heading", { level: 2, name: "Switch point" })).toBeInViewport();
});

for (const scheme of ["light", "dark"] as const) {
  test(`no serious accessibility violations in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await expectNoSeriousViolations(page);
    await page.goto(FIRST_LESSON);
    await expectNoSeriousViolations(page);
  });
}

test("nothing is fetched from outside the site when pages load", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) outside.push(url);
  });
  await page.goto("/");
  await page.goto(FIRST_LESSON, { waitUntil: "networkidle" });
  await page.getByRole("link", { name: /Next Waiting versus working/ }).click();
  await page.waitForLoadState("networkidle");
  expect(outside).toEqual([]);
});
