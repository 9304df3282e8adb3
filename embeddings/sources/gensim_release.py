"""gensim-data's word-vector releases (gensim_catalogue.py lists them): fetched by an operator, never by a reader.

`fetch` reuses `$GENSIM_DATA_DIR/NAME/NAME.gz` if gensim already downloaded it, else downloads the release
into `cache/downloads/NAME/` (resumable, md5-checked: gensim_data.py), converts it, then deletes the download.
A damaged conversion cannot be rebuilt on a reader's request: `advice` says whether the download is still here.
"""
from __future__ import annotations

import shutil

from embeddings import gensim_data
from embeddings.gensim_catalogue import gensim_data_models
from embeddings.gensim_data import FetchError
from embeddings.paths import downloads_dir
from embeddings.sources.base import FetchOptions, FetchResult, ModelSource, convert, remove_if_empty
from embeddings.spec import ModelSpec, SourceKind


class GensimRelease(ModelSource):
    kind = SourceKind.GENSIM_DATA

    def __init__(self, served_elsewhere: frozenset[str] = frozenset()) -> None:
        self._served_elsewhere = served_elsewhere  # names another source serves (the embedded GloVe 50d)

    def specs(self) -> list[ModelSpec]:
        return [ModelSpec(source=self.kind, **entry) for entry in gensim_data_models()
                if entry["name"] not in self._served_elsewhere]

    def advice(self, spec: ModelSpec) -> str:
        fetch = f"python -m embeddings fetch {spec.name}"
        # looked up on disk only: asking the release list would be a network call on a reader's request
        for kept in (downloads_dir() / spec.name, gensim_data.gensim_data_dir() / spec.name):
            if kept.is_dir() and any(kept.glob("*.gz")):
                return f"Its download is still in {kept}: an operator can convert it again with: {fetch}"
        return ("The download it was converted from is no longer on this server (it is deleted after conversion), "
                f"so it cannot be rebuilt here: an operator must download it again with: {fetch}")

    def fetch(self, spec: ModelSpec, options: FetchOptions) -> FetchResult:
        release = gensim_data.release_info(spec.name)
        reused = gensim_data.reusable_gensim_file(release)
        if reused is not None and release.parts == 1 and gensim_data.md5_of(reused) != release.checksums[0]:
            reused = None  # gensim's copy does not match the list: download our own
        folder = downloads_dir() / spec.name
        if reused is not None:
            source, origin = reused, f"reused {reused}"
        else:
            try:
                source = gensim_data.download_release(release, folder, progress=options.progress)
            except gensim_data.ChecksumError:
                shutil.rmtree(folder, ignore_errors=True)  # parts that did verify belong to a bad release
                remove_if_empty(folder)
                raise
            except FetchError:
                remove_if_empty(folder)  # a partial download stays, to be resumed
                raise
            origin = f"downloaded from {gensim_data.part_url(release, release.part_names()[0]).rsplit('/', 2)[0]}"
        try:
            convert(spec.name, source, spec.file_format or "word2vec-text", options)
        except FetchError:
            if reused is None:
                shutil.rmtree(folder, ignore_errors=True)  # a file that does not convert is not worth resuming
            raise
        if reused is None and not options.keep_download:
            shutil.rmtree(folder, ignore_errors=True)
        return FetchResult(spec.name, True, f"{spec.name} is ready ({origin})")

