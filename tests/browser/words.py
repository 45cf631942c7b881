"""A script the layout tests share: which words of a text node the browser drew over two lines."""

# Defines brokenWords(node, broken): pushes onto `broken` each word of the text node drawn on more than one
# line, a word being what lies between spaces (U+3000 between a family and a given name), 「・」 or a hyphen
# (English breaks "Cross- / check" as it may).
BROKEN_WORDS_JS = """
const brokenWords = (node, broken) => {
  const text = node.textContent;
  let end = 0;
  for (const word of text.split(/[\\s\\u3000・-]+/).filter(Boolean)) {
    const start = text.indexOf(word, end);
    end = start + word.length;
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) broken.push(word);
  }
};
"""
