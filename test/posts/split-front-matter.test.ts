import { splitFrontMatter } from "../../src/posts/split-front-matter";

describe("splitFrontMatter", () => {
  it("keeps the file's line numbers in the YAML and starts the body after the closing line", () => {
    const { matter, content } = splitFrontMatter("---\ntitle: 冬日暖阳\ncolumn: news\n---  \n正文第一段\n\n---\n\n分隔线之后\n");
    expect(matter.split("\n")[1]).toBe("title: 冬日暖阳"); // line 2 of the file
    expect(matter).toBe("\ntitle: 冬日暖阳\ncolumn: news");
    expect(content).toBe("正文第一段\n\n---\n\n分隔线之后\n");
  });

  it("treats a missing closing line as all front matter and no body", () => {
    expect(splitFrontMatter("---\ntitle: x\n")).toEqual({ matter: "\ntitle: x\n", content: "" });
    expect(splitFrontMatter("---\ntitle: x\n---")).toEqual({ matter: "\ntitle: x", content: "" });
  });

  it("does not close on a line that only starts with ---", () => {
    expect(splitFrontMatter("---\ntitle: x\n---- not a delimiter\n---\nbody")).toEqual({ matter: "\ntitle: x\n---- not a delimiter", content: "body" });
  });
});
