/** Placeholder: the search issue builds the Pagefind index here. */
console.log('search index: not built yet');
