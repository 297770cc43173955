import { describe, expect, it } from "vitest";
import { appendOutput, errorLine, formatCellValue, formatDuration, isTruncated, pickRendering } from "../outputs";
import { MIME } from "../../types";

describe("output helpers", () => {
  it("prefers a table over text, Vega-Lite over an image, and falls back to text", () => {
    const page = { columns: [{ name: "a", type: "INTEGER" }], rows: [[1]], totalRows: 1, cellId: "c" };
    expect(pickRendering({ type: "display", data: { [MIME.text]: "x", [MIME.table]: page } }).kind).toBe("table");
    expect(pickRendering({ type: "display", data: { [MIME.png]: "AAA", [MIME.vegaLite]: { mark: "bar" } } }).kind).toBe("vegaLite");
    expect(pickRendering({ type: "display", data: { [MIME.text]: ["a", "b"] } })).toEqual({ kind: "text", text: "ab" });
    expect(pickRendering({ type: "display", data: { "application/x-odd": 1 } })).toEqual({ kind: "unknown", mimes: ["application/x-odd"] });
  });

  it("turns base64 PNG into a data URL and parses JSON given as a string", () => {
    expect(pickRendering({ type: "display", data: { [MIME.png]: "iVBOR" } })).toEqual({ kind: "image", src: "data:image/png;base64,iVBOR" });
    expect(pickRendering({ type: "display", data: { [MIME.vegaLite]: '{"mark":"line"}' } })).toEqual({ kind: "vegaLite", spec: { mark: "line" } });
  });

  it("joins consecutive chunks of one stream but not of different streams", () => {
    let o = appendOutput([], { type: "stream", name: "stdout", text: "a" });
    o = appendOutput(o, { type: "stream", name: "stdout", text: "b" });
    o = appendOutput(o, { type: "stream", name: "stderr", text: "c" });
    expect(o).toEqual([{ type: "stream", name: "stdout", text: "ab" }, { type: "stream", name: "stderr", text: "c" }]);
  });

  it("finds the line of the first located error", () => {
    expect(errorLine([{ type: "stream", name: "stdout", text: "" }, { type: "error", ename: "CS0103", message: "x", line: 3, column: 1 }])).toBe(3);
    expect(errorLine([{ type: "error", ename: "E", message: "no line" }])).toBeNull();
  });

  it("marks outputs with a full-size link as truncated", () => {
    expect(isTruncated({ type: "stream", name: "stdout", text: "…", full: { url: "/x", size: 10 } })).toBe(true);
    expect(isTruncated({ type: "stream", name: "stdout", text: "x" })).toBe(false);
  });

  it("formats values and durations compactly", () => {
    expect(formatCellValue(null)).toBe("null");
    expect(formatCellValue(1 / 3)).toBe("0.33333333");
    expect(formatCellValue({ a: 1 })).toBe('{"a":1}');
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(61_000)).toBe("1m 01s");
  });
});
