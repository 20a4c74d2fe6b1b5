// @ts-check
/**
 * Accessibility fixes for what Markdown renders, applied to every lesson:
 * - task lists (`- [ ] item`) render as checkboxes with no label; each gets its item's text;
 * - wide tables are wrapped in a region that scrolls sideways and can take keyboard focus,
 *   named after the table's header row, so the page itself never scrolls sideways;
 * - an empty header cell (a spacer column between two side-by-side tables) becomes a plain cell,
 *   so screen readers do not announce a nameless column header.
 */

/** @param {any} node @returns {string} */
const textOf = (node) =>
  node.type === 'text' ? node.value : Array.isArray(node.children) ? node.children.map(textOf).join('') : '';

const squash = (/** @type {string} */ s) => s.replace(/\s+/g, ' ').trim();

/** @param {any} node @param {(node: any, index: number, parent: any) => void} visit */
function walk(node, visit) {
  if (!Array.isArray(node.children)) return;
  node.children.forEach((/** @type {any} */ child, /** @type {number} */ i) => {
    visit(child, i, node);
    walk(child, visit);
  });
}

/** The rehype plugin. */
export default function rehypeAccessibleMarkdown() {
  /** @param {any} tree */
  return (tree) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'element') return;
      const classes = node.properties?.className;
      if (node.tagName === 'li' && Array.isArray(classes) && classes.includes('task-list-item')) {
        const box = node.children.find((/** @type {any} */ c) => c.type === 'element' && c.tagName === 'input');
        const label = squash(textOf(node));
        if (box && label) box.properties = { ...box.properties, ariaLabel: label };
      }
      if (node.tagName === 'th' && squash(textOf(node)) === '') node.tagName = 'td';
      if (node.tagName === 'table' && !(parent.properties?.className ?? []).includes('rl-table-scroll')) {
        const head = node.children.find((/** @type {any} */ c) => c.type === 'element' && c.tagName === 'thead');
        const name = squash(head ? textOf(head) : '').slice(0, 80);
        parent.children[index] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['rl-table-scroll'], tabIndex: 0, role: 'region', ariaLabel: name ? `Table: ${name}` : 'Table' },
          children: [node],
        };
      }
    });
  };
}
