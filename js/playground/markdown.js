// Renders the Markdown of rule docs (headings, paragraphs, lists, fenced code, inline code, links) as DOM
// nodes. Built node by node rather than through innerHTML, so no text from the docs is ever parsed as HTML.

function element(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** Inline Markdown: `code` and [text](url); everything else is text. Also used for the core's messages. */
export function inline(text) {
  const nodes = [];
  const pattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    nodes.push(text.slice(last, match.index));
    if (match[1] !== undefined) nodes.push(element('code', null, [match[1]]));
    else {
      const link = element('a', null, [match[2]]);
      link.href = match[3];
      link.rel = 'noreferrer noopener';
      nodes.push(link);
    }
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** A fragment holding the rendered `markdown`; `headingLevelOffset` shifts headings to fit the page. */
export function renderMarkdown(markdown, headingLevelOffset = 0) {
  const out = document.createDocumentFragment();
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let paragraph = [];
  let list = null;
  const closeBlocks = () => {
    if (paragraph.length) out.append(element('p', null, inline(paragraph.join(' '))));
    paragraph = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*```/);
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    if (fence) {
      closeBlocks();
      const code = [];
      while (++i < lines.length && !/^\s*```/.test(lines[i])) code.push(lines[i]);
      out.append(element('pre', null, [element('code', null, [code.join('\n')])]));
    } else if (heading) {
      closeBlocks();
      const level = Math.min(6, heading[1].length + headingLevelOffset);
      out.append(element(`h${level}`, null, inline(heading[2])));
    } else if (item) {
      if (paragraph.length) closeBlocks();
      if (!list) out.append((list = element('ul')));
      list.append(element('li', null, inline(item[1])));
    } else if (line.trim() === '') {
      closeBlocks();
    } else {
      paragraph.push(line.trim());
    }
  }
  closeBlocks();
  return out;
}
