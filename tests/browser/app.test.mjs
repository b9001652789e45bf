// The web app in a real browser: Debian's Chromium driven by playwright-core. Each test
// signs in as one of the demo school's users (smpolicy serve --demo) and does one job the
// way a person would, by labels and buttons, with the keyboard where it matters.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const base = process.env.SMPOLICY_URL;
const password = "demo-password";
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-background-networking", "--no-first-run"],
  });
});
after(async () => { await browser?.close(); });

// A fresh context per user, signed in through the sign-in page. Script errors (a CSP
// violation included) fail the test.
async function signedIn(username, path = "/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(new URL(path, base).href);
  assert.match(page.url(), /\/login/);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return { page, context, problems };
}

test("a teacher checks a post and sees the pupil's name marked", async () => {
  const { page, context, problems } = await signedIn("teacher", "/check");
  await page.getByLabel("Your draft post").fill("So proud of Ollie Fenwick in Year 4 today! #proud");
  await page.getByRole("button", { name: "Check my post" }).click();
  const mark = page.locator("blockquote.marked mark").first();
  await mark.waitFor();
  assert.equal(await mark.getAttribute("title"), "person.pupil");
  assert.match(await mark.innerText(), /Ollie Fenwick/);
  const outcome = await page.locator(".verdict .outcome").innerText();
  assert.match(outcome, /Ask first|No:/);
  assert.ok(await page.locator(".clauses a").count() > 0, "a clause is cited");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the check form works from the keyboard alone", async () => {
  const { page, context } = await signedIn("teacher", "/check");
  await page.getByLabel("Your draft post").focus();
  await page.keyboard.type("Lovely walk on the beach this weekend");
  await page.keyboard.press("Tab"); // audience
  await page.keyboard.press("Tab"); // platform
  await page.keyboard.press("Tab"); // the button
  await page.keyboard.press("Enter");
  await page.locator(".verdict .outcome").waitFor();
  assert.match(await page.locator(".verdict .outcome").innerText(), /Yes/);
  await context.close();
});

test("the Headteacher imports a roster with one bad row and sees it named", async () => {
  const { page, context } = await signedIn("head", "/people");
  const csv = "id,role,given_name,family_name\npupil:2101,pupil,Leah,Ashdown\npupil:2102,dragon,Ruth,Kettering\n";
  await page.getByLabel(/Roster file/).setInputFiles({ name: "spring.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel(/Import it now/).check();
  await page.getByRole("button", { name: "Check the file" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /spring\.csv:3:/);
  assert.match(await alert.innerText(), /nothing was imported/);
  assert.equal(await page.getByRole("cell", { name: "Ashdown" }).count(), 0);
  await context.close();
});

test("the office records a photo consent", async () => {
  const { page, context } = await signedIn("office", "/consents");
  const form = page.getByRole("form", { name: /Consent for Theo Castellan/ });
  await form.getByLabel("website").check();
  await form.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").waitFor();
  assert.match(await page.getByRole("status").innerText(), /Saved/);
  const row = page.getByRole("row", { name: /Theo Castellan/ });
  assert.match(await row.innerText(), /website/);
  await context.close();
});

test("the Headteacher gives the term dates and a mistyped one is named", async () => {
  const { page, context, problems } = await signedIn("head", "/school");
  const refused = "Failed to load resource: the server responded with a status of 400 (Bad Request)";
  const terms = page.getByLabel("Term dates");
  await terms.fill("2026-09-03/2026-10-23\n2026-11-02-2026-12-18");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alert").waitFor();
  assert.match(await page.getByRole("alert").innerText(), /item 2/);
  await page.getByLabel("Term dates").fill("2026-09-03/2026-10-23\n2026-11-02/2026-12-18");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").waitFor();
  assert.match(await page.getByRole("status").innerText(), /Saved/);
  assert.match(await page.getByLabel("Term dates").inputValue(), /2026-11-02\/2026-12-18/);
  assert.deepEqual(problems, [refused], "nothing else went wrong in the page than the refused form");
  await context.close();
});

test("a teacher acknowledges the policy after searching it", async () => {
  const { page, context, problems } = await signedIn("teacher", "/policy");
  await page.getByLabel("Search the policy").fill("photo");
  const shown = await page.locator("dl.clauses dt:not([hidden])").count();
  const all = await page.locator("dl.clauses dt").count();
  assert.ok(shown > 0 && shown < all, `search narrows the list (${shown} of ${all})`);
  await page.getByRole("button", { name: /I have read and understood/ }).click();
  await page.locator(".acknowledged").waitFor();
  assert.match(await page.locator(".acknowledged").innerText(), /You acknowledged this version on \d{4}-\d{2}-\d{2}/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a teacher cannot open the audit log, the Headteacher can", async () => {
  const teacher = await signedIn("teacher", "/audit");
  assert.match(await teacher.page.locator("h1").innerText(), /Forbidden/);
  await teacher.context.close();
  const head = await signedIn("head", "/audit");
  assert.match(await head.page.locator("h1").innerText(), /Audit log/);
  await head.page.getByRole("button", { name: "Check the whole chain" }).click();
  assert.match(await head.page.getByRole("status").innerText(), /intact/);
  await head.context.close();
});
