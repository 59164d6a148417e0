/** sequential → interleaved: i → (i mod sites)·species + ⌊i / sites⌋ (protocol.md §2.3). */
export function sequentialToInterleaved(wire: number, numSites: number, numSpecies: number): number {
  return (wire % numSites) * numSpecies + Math.floor(wire / numSites);
}

/** interleaved → sequential: i → (i mod species)·sites + ⌊i / species⌋ (protocol.md §2.3). */
export function interleavedToSequential(wire: number, numSites: number, numSpecies: number): number {
  return (wire % numSpecies) * numSites + Math.floor(wire / numSpecies);
}
