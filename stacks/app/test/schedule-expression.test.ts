import fc from "fast-check";
import { scheduleExpressionProblem } from "../src/schedule-expression";

describe("scheduleExpressionProblem", () => {
  it.each(["cron(0 3 * * ? *)", "cron(15 10 ? * MON-FRI *)", "cron(0/15 * * * ? *)", "cron(0 8 1,15 JAN-MAR ? 2030)", "cron(0 0 L * ? *)", "cron(0 9 ? * 2#1 *)", "rate(1 day)", "rate(12 hours)"])(
    "accepts %s",
    (expr) => {
      expect(scheduleExpressionProblem(expr)).toBeUndefined();
    },
  );

  it.each([
    ["a Unix five-field cron", "cron(0 3 * * *)", /6 fields/],
    ["both day fields set", "cron(0 3 * * * *)", /exactly one of day-of-month and day-of-week/],
    ["both day fields ?", "cron(0 3 ? * ? *)", /exactly one/],
    ["minute 60", "cron(60 3 * * ? *)", /minutes/],
    ["hour 24", "cron(0 24 * * ? *)", /hours/],
    ["an unknown month", "cron(0 3 * FOO ? *)", /month/],
    ["a backwards range", "cron(0 5-3 * * ? *)", /backwards/],
    ["a zero step", "cron(0/0 3 * * ? *)", /step/],
    ["? in hours", "cron(0 ? * * ? *)", /"\?" is allowed only/],
    ["a plural unit for one", "rate(1 days)", /singular/],
    ["a singular unit for many", "rate(5 minute)", /plural/],
    ["a one-time schedule", "at(2030-01-01T00:00:00)", /one-time/],
    ["a bare Unix cron", "0 3 * * *", /cron\(\.\.\.\) or rate/],
  ])("rejects %s", (_what, expr, message) => {
    expect(scheduleExpressionProblem(expr)).toMatch(message);
  });

  const field = (min: number, max: number) => fc.integer({ min, max }).map(String);

  it("accepts every cron built from in-range values with one day field as ?", () => {
    fc.assert(
      fc.property(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(1, 7), fc.boolean(), (mi, h, dom, mo, dow, domSet) => {
        const days = domSet ? `${dom} ${mo} ?` : `? ${mo} ${dow}`;
        expect(scheduleExpressionProblem(`cron(${mi} ${h} ${days} *)`)).toBeUndefined();
      }),
    );
  });

  it("rejects every cron whose minutes or hours are out of range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 10_000 }), fc.integer({ min: 24, max: 10_000 }), fc.boolean(), (badMinute, badHour, breakMinute) => {
        const expr = breakMinute ? `cron(${badMinute} 3 * * ? *)` : `cron(0 ${badHour} * * ? *)`;
        expect(scheduleExpressionProblem(expr)).toMatch(breakMinute ? /minutes/ : /hours/);
      }),
    );
  });
});
