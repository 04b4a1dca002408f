#!/usr/bin/env bash
# A/B benchmark of the performance tricks: builds one variant of spec-core's classes per trick, with that trick
# switched off (a few classes edited and compiled over target/classes), then runs GoalsBenchmark (validate,
# generate, export in one fresh JVM, as a Maven build runs them) for each variant in turn, ROUNDS times, so that
# every variant sees the same machine load. Prints the median of each column per variant.
#
#   ./mvnw -q -pl spec-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
#   spec-core/src/test/bench/ab.sh [models=1000] [rounds=5] [variants...]
#
# Variants: base (the code as it is), one per trick, named for what is taken away, and at-COMMIT: spec-core's main
# sources of another commit (e.g. at-main), compiled whole, as the peer of a change measured in the same run
# (REPO=the git work tree to read it from, default the one this script is in). (no-export-warm-up, measured on commit
# 759901a, went with the warm-up itself.)
set -euo pipefail
cd "$(dirname "$0")/../../.."          # spec-core
MODELS=${1:-1000}
ROUNDS=${2:-5}
shift $(( $# > 2 ? 2 : $# )) || true
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(base no-cache no-prefetch no-ddl-thread no-xlsx-thread no-sheet-writer)
CP="$(cat target/bench.cp)"
SRC=src/main/java/io/github/specpipeline/core
AB=target/ab

# edit FILE PERL-SUBSTITUTION: copies FILE into the variant's sources and applies the edit, which must match
edit() {
    local file=$1 expr=$2 out="$AB/$variant/src/${1#src/main/java/}"
    mkdir -p "$(dirname "$out")"
    [ -f "$out" ] || cp "$file" "$out"
    perl -0pi -e "\$n = ($expr); die \"no match in $file\\n\" unless \$n" "$out"
}

build() {
    variant=$1
    rm -rf "$AB/$variant"
    mkdir -p "$AB/$variant/classes"
    case $variant in
        base) return ;;
        at-*) # another commit's main sources (and resources), ahead of target/classes on the class path
            mkdir -p "$AB/$variant/tree"
            git -C "${REPO:-..}" archive "${variant#at-}" spec-core/src/main | tar -x -C "$AB/$variant/tree"
            find "$AB/$variant/tree" -name '*.java' > "$AB/$variant/sources"
            javac -nowarn -d "$AB/$variant/classes" -cp "$CP" @"$AB/$variant/sources" 2> "$AB/$variant/javac.log" \
                || { cat "$AB/$variant/javac.log" >&2; exit 1; }
            cp -a "$AB/$variant/tree/spec-core/src/main/resources/." "$AB/$variant/classes/" 2>/dev/null || true
            return ;;
        no-cache) # every get computes: no parse result is shared
            edit $SRC/sql/FragmentCache.java 's/(Object get\(Key key, Supplier<Object> compute\) \{)/$1 if (true) return compute.get();/' ;;
        no-prefetch) # validation parses every fragment itself
            edit $SRC/task/FragmentPrefetch.java 's/return Runtime.getRuntime\(\).availableProcessors\(\) > 1 \? new FragmentPrefetch\(spec\) : null;/return null;/' ;;
        no-ddl-thread) # the DDL is read in the caller's thread, after the JSON
            edit $SRC/task/Background.java 's/return new Background<>\(work, Runtime.getRuntime\(\).availableProcessors\(\) > 1, name\);/return new Background<>(work, false, name);/' ;;
        no-xlsx-thread) # the workbook after the other formats, on the same thread
            edit $SRC/task/ExportTask.java 's/formats.size\(\) > 1 && review.columnCount\(\) <= LARGE_SPEC_COLUMNS/false/' ;;
        no-sheet-writer) # POI's own sheet writer, rows and cells made with POI's API
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/\@Override\s+protected org.apache.poi.xssf.streaming.StreamingSheetWriter createSheetDataWriter/protected org.apache.poi.xssf.streaming.StreamingSheetWriter unusedCreateSheetDataWriter/'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/this.out = \(\(Workbook\) sheet.getWorkbook\(\)\).writer\(\);/this.out = null; this.sheet = sheet;/ && s/(private final BufferedSheetWriter out;)/$1 private final SXSSFSheet sheet; private org.apache.poi.ss.usermodel.Row poiRow;/'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/out\.openRow\(index\);/poiRow = sheet.createRow(index);/ && s/out\.closeRow\(\);//'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/out\.blank\(i, styles\.get\(Kind\.HEADER, false\)\.getIndex\(\) & 0xffff\);/poiRow.createCell(i).setCellStyle(styles.get(Kind.HEADER, false));/'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/out\.number\(i, styles\.get\(Kind\.NUMBER, false\)\.getIndex\(\) & 0xffff, Long\.parseLong\(c\.value\(\)\)\);/{ var x = poiRow.createCell(i); x.setCellStyle(styles.get(Kind.NUMBER, false)); x.setCellValue((double) Long.parseLong(c.value())); }/'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/out\.text\(i, styles\.get\(c\.kind\(\), CsvText\.isDangerous\(text\)\)\.getIndex\(\) & 0xffff, text\);/{ var x = poiRow.createCell(i); x.setCellStyle(styles.get(c.kind(), CsvText.isDangerous(text))); x.setCellValue(text); }/'
            edit $SRC/export/xlsx/WorkbookRenderer.java 's/catch \(IOException e\) \{\s+throw new UncheckedIOException\(e\);/catch (RuntimeException e) { throw e;/' ;;
        *) echo "unknown variant $variant" >&2; exit 2 ;;
    esac
    find "$AB/$variant/src" -name '*.java' > "$AB/$variant/sources"
    javac -nowarn -d "$AB/$variant/classes" -cp "target/classes:$CP" @"$AB/$variant/sources" 2> "$AB/$variant/javac.log" \
        || { cat "$AB/$variant/javac.log" >&2; exit 1; }
}

for v in "${VARIANTS[@]}"; do build "$v"; done
mkdir -p "$AB/log"
rm -f "$AB/log/this-$MODELS.txt"
for r in $(seq 1 "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
        line=$(java -Xmx2g -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
            -cp "$AB/$v/classes:target/classes:target/test-classes:$CP" \
            io.github.specpipeline.core.bench.GoalsBenchmark "$MODELS" 42 target/bench)
        echo "round $r $v $line" | tee -a "$AB/log/runs-$MODELS.txt"
        echo "$v $line" >> "$AB/log/this-$MODELS.txt"
    done
done
echo "medians over $ROUNDS rounds, $MODELS models (ms):"
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }
for v in "${VARIANTS[@]}"; do
    printf '%-20s' "$v"
    for col in validate generate export total cpu; do
        printf ' %s %s' "$col" "$(grep "^$v " "$AB/log/this-$MODELS.txt" | tr ' ' '\n' | grep -A1 "^$col$" | grep -v "^$col$" | grep -v -- -- | median)"
    done
    echo
done
rm -f "$AB/log/this-$MODELS.txt"
