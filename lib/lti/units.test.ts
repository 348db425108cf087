import { describe, expect, it } from "vitest";
import { appendPath, contextRole, ROLE_URI } from "./claims";
import { decryptPrivateKey, encryptPrivateKey } from "./keys";
import { escapeHtml, html } from "./html";
import { backoffMs, computeScore, isEmptyScore } from "./score";
import { nextLink } from "./services";

describe("LTI roles", () => {
  it("maps Instructor (and its sub-roles, and course admins) to teacher, Learner to learner, the rest to other", () => {
    expect(contextRole([ROLE_URI.instructor])).toBe("teacher");
    expect(contextRole([ROLE_URI.teachingAssistant])).toBe("teacher");
    expect(contextRole(["http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator"])).toBe("teacher");
    expect(contextRole([ROLE_URI.learner, ROLE_URI.instructor])).toBe("teacher");
    expect(contextRole([ROLE_URI.learner])).toBe("learner");
    expect(contextRole(["Learner"])).toBe("learner");
    expect(contextRole([ROLE_URI.mentor])).toBe("other");
    // An institution role says nothing about this course.
    expect(contextRole(["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"])).toBe("other");
    expect(contextRole([])).toBe("other");
  });
});

describe("AGS URLs and scores", () => {
  it("appends /scores before a line item's query string (Moodle's line items carry ?type_id=)", () => {
    expect(appendPath("https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem?type_id=3", "scores")).toBe("https://moodle.example/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=3");
    expect(appendPath("https://canvas.example/api/lti/courses/1/line_items/2/", "scores")).toBe("https://canvas.example/api/lti/courses/1/line_items/2/scores");
  });

  it("counts completed lessons and passed exercises of the assignment only", () => {
    const items = { lessons: ["c/a", "c/b"], exercises: ["c/b#x", "c/b#y"] };
    const none = computeScore(items, { openedLessons: [], completedLessons: [], attemptedExercises: [], passedExercises: [] });
    expect(none).toEqual({ scoreGiven: 0, scoreMaximum: 4, activityProgress: "Initialized", gradingProgress: "FullyGraded" });
    expect(isEmptyScore(none)).toBe(true);
    const some = computeScore(items, { openedLessons: ["c/a", "other/z"], completedLessons: ["c/a", "other/z"], attemptedExercises: ["c/b#x", "c/b#y"], passedExercises: ["c/b#x", "other/z#q"] });
    expect(some).toMatchObject({ scoreGiven: 2, scoreMaximum: 4, activityProgress: "InProgress" });
    const started = computeScore(items, { openedLessons: ["c/a"], completedLessons: [], attemptedExercises: [], passedExercises: [] });
    expect(started).toMatchObject({ scoreGiven: 0, activityProgress: "InProgress" });
    expect(isEmptyScore(started)).toBe(false);
    const all = computeScore(items, { openedLessons: ["c/a", "c/b"], completedLessons: ["c/a", "c/b"], attemptedExercises: ["c/b#x", "c/b#y"], passedExercises: ["c/b#x", "c/b#y"] });
    expect(all).toMatchObject({ scoreGiven: 4, activityProgress: "Completed" });
  });

  it("backs off exponentially with jitter, capped at an hour", () => {
    expect(backoffMs(1, () => 0.5)).toBe(10_000);
    expect(backoffMs(2, () => 0.5)).toBe(20_000);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(1, () => 0)).toBe(8_000);
    expect(backoffMs(1, () => 1)).toBe(12_000);
  });

  it("follows RFC 8288 next links", () => {
    expect(nextLink('<https://lms.example/m?p=2>; rel="next", <https://lms.example/m?p=9>; rel="last"')).toBe("https://lms.example/m?p=2");
    expect(nextLink('<https://lms.example/m?p=9>; rel="last"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});

describe("LTI pages and keys", () => {
  it("escapes every interpolated value", () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
    const name = '<script>alert(1)</script>';
    expect(html`<p>${name}</p>${["<b>", html`<i>ok</i>`]}`.value).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>&lt;b&gt;<i>ok</i>");
  });

  it("keeps private keys encrypted under AUTH_SECRET; another secret cannot read them", () => {
    const stored = encryptPrivateKey("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n", "a".repeat(32));
    expect(stored).not.toContain("abc");
    expect(decryptPrivateKey(stored, "a".repeat(32))).toContain("abc");
    expect(decryptPrivateKey(stored, "b".repeat(32))).toBeNull();
    expect(decryptPrivateKey("garbage", "a".repeat(32))).toBeNull();
  });
});

describe("LTI claims", () => {
  it("takes only http(s) service and return URLs from a platform", async () => {
    const { DeepLinkingSettingsSchema, AgsClaimSchema } = await import("./claims");
    expect(DeepLinkingSettingsSchema.safeParse({ deep_link_return_url: "javascript:alert(1)", accept_types: ["ltiResourceLink"] }).success).toBe(false);
    expect(DeepLinkingSettingsSchema.safeParse({ deep_link_return_url: "https://lms.example/dl", accept_types: ["ltiResourceLink"] }).success).toBe(true);
    expect(AgsClaimSchema.safeParse({ scope: [], lineitem: "data:text/html,x" }).success).toBe(false);
  });
});
