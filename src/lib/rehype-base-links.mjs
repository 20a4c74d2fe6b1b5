// @ts-check
/**
 * Puts the site's base path in front of root-relative links in lesson content, so authors write
 * `[SLIs](/lessons/observability/#slis)` and a build with `BASE_PATH=/course/` links to
 * `/course/lessons/observability/#slis`. Covers Markdown links and images (`href`, `src`) and the
 * same attributes on HTML/JSX elements written in MDX (`<a href="/drills/">`). External, relative
 * and fragment-only URLs are left alone. Starlight does not do this itself.
 * Registered in `astro.config.mjs` as `[rehypeBaseLinks, { base }]`.
 */
import { isRootRelative, withBase } from './base-path.mjs';

const URL_PROPERTIES = ['href', 'src'];

/** @param {any} node @param {(node: any) => void} visit */
function walk(node, visit) {
  visit(node);
  if (Array.isArray(node.children)) for (const child of node.children) walk(child, visit);
}

/**
 * The rehype plugin.
 * @param {{ base?: string }} [options] the site's base path; `/` (or none) changes nothing
 */
export default function rehypeBaseLinks(options = {}) {
  const base = options.base ?? '/';
  /** @param {string} url */
  const rebase = (url) => (isRootRelative(url) ? withBase(url, base) : url);
  /** @param {any} tree */
  return (tree) => {
    walk(tree, (node) => {
      if (node.type === 'element' && node.properties) {
        for (const name of URL_PROPERTIES) {
          const value = node.properties[name];
          if (typeof value === 'string') node.properties[name] = rebase(value);
        }
      } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && Array.isArray(node.attributes)) {
        // Only plain `<a>`, `<img>`... : components (capitalised) take their own props and know the base.
        if (!node.name || !/^[a-z]/.test(node.name)) return;
        for (const attribute of node.attributes) {
          if (attribute.type === 'mdxJsxAttribute' && URL_PROPERTIES.includes(attribute.name) && typeof attribute.value === 'string') {
            attribute.value = rebase(attribute.value);
          }
        }
      }
    });
  };
}
