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
agenda: true
---

# A section

A line under the section title.

## Bullets

- A bullet with **bold**, *italic*, \`code\` and [a link](https://example.com)
  - A nested bullet
1. A numbered item

## Two columns

### Left

- One

### Right

- Two

## Three columns

:::: columns
::: column
### One
Text.
:::
::: column
### Two
Text.
:::
::: column
### Three
Text.
:::
::::

## A table

An introduction.

| Name | Value |
|------|------:|
| a    | 1     |
| b    | 2     |
| c    | 3     |

## A chart

\`\`\`chart
type: column
categories: [A, B]
series:
  - name: One
    values: [1, 2]
  - name: Two
    values: [2, 1]
\`\`\`

## Code

\`\`\`
const answer = 42;
\`\`\`

## A picture

![A picture](specimen.png "A caption")

## A picture and text

![A picture](specimen.png)

- Text beside it

## A quote

> A quotation.
> — Someone

# Closing

A line under it.
`;

/** The specimen's picture: never read, only placed (the theme check does not write a file). */
export const SPECIMEN_IMAGES = new Map([["specimen.png", { path: "/specimen.png", width: 4, height: 3 }]]);
