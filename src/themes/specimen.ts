/**
 * A deck that uses every layout and every kind of text, rendered with a theme when it is
 * loaded: its templates must render it, and its colours must pass the contrast check.
 */
export const SPECIMEN = `---
title: Specimen title
subtitle: A subtitle under it
author: An author
date: A date
footer: A footer
---

# A section

A line under the section title.

## Bullets

- A bullet with **bold**, *italic*, \`code\` and [a link](https://example.com)
  - A nested bullet
1. A numbered item

\`\`\`
code block
\`\`\`

## Two columns

### Left

- One

### Right

- Two

## A table

An introduction.

| Name | Value |
|------|------:|
| a    | 1     |
| b    | 2     |
| c    | 3     |

## A quote

> A quotation.
> — Someone

# Closing

A line under it.
`;
