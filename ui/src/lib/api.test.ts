import { describe, expect, it } from "vitest";
import { ApiError, asError } from "./api";

describe("asError", () => {
  it("reads the core's report as the desktop sends it", () => {
    const err = asError({ error: "incomplete", message: "fill in: 5", fields: ["occurrence.place"] });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("incomplete");
    expect(err.message).toBe("fill in: 5");
    expect(err.fields).toEqual(["occurrence.place"]);
  });

  it("keeps a bare message, with no code to act on", () => {
    const err = asError("window closed");
    expect(err.code).toBe("internal");
    expect(err.message).toBe("window closed");
  });
});
