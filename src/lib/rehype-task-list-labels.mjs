// @ts-check
/**
 * Markdown task lists (`- [ ] item`) render as checkboxes with no label, which screen readers
 * announce as just "checkbox". This rehype plugin names each checkbox after its item's text.
 */

/** @param {any} node */
const textOf = (node) =>
  node.type === 'text' ? node.value : Array.isArray(node.children) ? node.children.map(textOf).join('') : '';

/** @param {any} node @param {(node: any) => void} visit */
function walk(node, visit) {
  visit(node);
  if (Array.isArray(node.children)) for (const child of node.children) walk(child, visit);
}

/** The rehype plugin. */
export default function rehypeTaskListLabels() {
  /** @param {any} tree */
  return (tree) => {
    walk(tree, (node) => {
      const classes = node.properties?.className;
      if (node.type !== 'element' || node.tagName !== 'li' || !Array.isArray(classes) || !classes.includes('task-list-item')) return;
      const box = node.children.find((/** @type {any} */ c) => c.type === 'element' && c.tagName === 'input');
      if (!box) return;
      const label = textOf(node).replace(/\s+/g, ' ').trim();
      if (label) box.properties = { ...box.properties, ariaLabel: label };
    });
  };
}
