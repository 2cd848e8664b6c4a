// How tall a scrolling area may be so that it ends at the window's bottom edge: measured from its top edge (banners,
// the header and toolbars differ between screens and sizes), less the main area's bottom padding.

/** The height, in CSS pixels, left below the element's top edge in the window; at least `min`. */
export function spaceBelow(node: HTMLElement, min: number): string {
  const main = node.closest('main');
  const bottom = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0;
  const top = node.getBoundingClientRect().top + window.scrollY;
  return `${Math.max(min, Math.floor(window.innerHeight - top - bottom - 2))}px`;
}
