/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/{packages/*,policies,bootstrap,stacks/*}/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // Stack programs under the mock runtime load @pulumi/aws once per test file; two workers
  // match the two cores CI has.
  maxWorkers: 2,
  testTimeout: 60000,
};
