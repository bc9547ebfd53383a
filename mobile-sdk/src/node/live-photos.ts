const stills = new Set(['heic', 'heif', 'jpg', 'jpeg', 'dng', 'png']);
const motions = new Set(['mov', 'mp4']);

/**
 * Live Photos copied off an iPhone arrive as a still and a short video with one name and two
 * extensions (IMG_0042.HEIC, IMG_0042.MOV). Returns, for each file name of one folder that is a
 * part of such a pair, the id of the asset it belongs to (`folder/stem`).
 */
export function livePhotoGroups(folder: string, fileNames: readonly string[]): Map<string, string> {
  const byStem = new Map<string, string[]>();
  for (const name of fileNames) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0) continue;
    const stem = name.slice(0, dot);
    byStem.set(stem, [...(byStem.get(stem) ?? []), name]);
  }
  const groups = new Map<string, string>();
  for (const [stem, names] of byStem) {
    const kinds = names.map((name) => name.slice(name.lastIndexOf('.') + 1).toLowerCase());
    if (!kinds.some((k) => stills.has(k)) || !kinds.some((k) => motions.has(k))) continue;
    const id = folder ? `${folder}/${stem}` : stem;
    names.forEach((name, i) => {
      if (stills.has(kinds[i]!) || motions.has(kinds[i]!)) groups.set(name, id);
    });
  }
  return groups;
}
