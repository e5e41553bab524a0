/* Keep the top of the site navigation in view.
   Material centres the current page's link in the left sidebar, so on a page low in a long
   navigation (the classifier, the sources) "Home" and the first entries scroll away under the
   header although the link would be visible without scrolling. After Material has scrolled, scroll
   the sidebar back only as far as needed to keep the current link in view: to the very top when
   it fits there. Pure layout arithmetic is in `sidebarTop`; re-run on every instant navigation. */
(function () {
  "use strict";

  /** The scroll position that shows the link (top, height) in a box of `view` px, as high as possible. */
  function sidebarTop(linkTop, linkHeight, view, margin) {
    return Math.max(0, linkTop + linkHeight + margin - view);
  }

  function settle() {
    const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    const link = wrap && wrap.querySelector(".md-nav__link--active[href]");
    if (!wrap || !link || !link.clientHeight) return;
    const top = link.getBoundingClientRect().top - wrap.getBoundingClientRect().top + wrap.scrollTop;
    const wanted = sidebarTop(top, link.offsetHeight, wrap.clientHeight, 24);
    if (wanted < wrap.scrollTop) wrap.scrollTo({ top: wanted });
  }

  /* Material scrolls on the next animation frames after a page (or an instant navigation) loads. */
  function later() {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(settle, 0)));
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(later);
  } else {
    window.addEventListener("load", later);
  }
  window.pocSidebarTop = sidebarTop;  // for the tests
})();
