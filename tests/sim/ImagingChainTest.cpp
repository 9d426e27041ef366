// Each value of the imaging chain changes what it should and nothing else.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sim/Needle.hpp"
#include "sim/SimulatedPatient.hpp"

using namespace fg;
using namespace fg::sim;

namespace {

std::unique_ptr<SimulatedPatient> make(const std::string& fields) {
  const std::string json = R"({"name": "chain", "seed": 7, "durationS": 8, "pulsesPerSecond": 7.5,
    "needle": {"startS": 0, "endS": 4})" + (fields.empty() ? "" : ", " + fields) + "}";
  auto scenario = parseScenario(json, "chain.json");
  INFO(json);
  REQUIRE(scenario.isOk());
  auto patient = SimulatedPatient::create(scenario.value());
  REQUIRE(patient.isOk());
  return std::move(patient.value());
}

std::vector<uint8_t> frameOf(SimulatedPatient& p, int index) {
  std::vector<uint8_t> f(p.format().byteCount());
  p.renderFrame(index, f);
  return f;
}

int value(const SimulatedPatient& p, const std::vector<uint8_t>& f, int x, int y) {
  const auto format = p.format();
  if (format.pixelFormat == core::PixelFormat::Gray8) return f[static_cast<size_t>(y) * format.width + x];
  return reinterpret_cast<const uint16_t*>(f.data())[static_cast<size_t>(y) * format.width + x];
}

std::string messageOf(const std::string& fields) {
  auto s = parseScenario(R"({"name": "bad", )" + fields + "}", "bad.json");
  return s.isOk() ? std::string("accepted") : s.status().message();
}

}  // namespace

TEST_CASE("detectors: size, bits and spacing of each", "[sim][chain]") {
  auto generic = make("");
  CHECK(generic->format().width == 1024);
  CHECK(generic->format().bitsStored == 12);
  CHECK(generic->format().mmPerPixelX == Approx(0.3));
  auto panel = make(R"("chain": {"detector": "flat-panel", "pixelMm": 0.15})");
  CHECK(panel->format().width == 1536);
  CHECK(panel->format().height == 1536);
  CHECK(panel->format().bitsStored == 16);
  CHECK(panel->format().mmPerPixelX == Approx(0.15));
  auto ii = make(R"("chain": {"detector": "image-intensifier", "fieldMm": 310})");
  CHECK(ii->format().width == 1024);
  CHECK(ii->format().bitsStored == 12);
  CHECK(ii->format().mmPerPixelX == Approx(310 / (0.96 * 1024)));
  // Each says how its values relate to the X-rays, as a DICOM header's Pixel Intensity Relationship.
  CHECK(generic->format().intensity == core::PixelIntensity::Log);
  CHECK(make(R"("chain": {"detector": "flat-panel", "encoding": "linear"})")->format().intensity ==
        core::PixelIntensity::Linear);
  CHECK(make(R"("chain": {"detector": "flat-panel", "encoding": "video"})")->format().intensity ==
        core::PixelIntensity::Display);
  CHECK(make(R"("output": "video")")->format().intensity == core::PixelIntensity::Display);
}

TEST_CASE("the intensifier's round field: black corners, the image inside, darker toward the edge",
          "[sim][chain][field]") {
  auto ii = make(R"("chain": {"detector": "image-intensifier", "vignetting": 0.4}, "needle": {"present": false})");
  const auto f = frameOf(*ii, 3);
  const int corner = value(*ii, f, 5, 5), centre = value(*ii, f, 512, 512);
  CHECK(corner < 0.25 * centre);
  // Vignetting: the same anatomy column, darker near the edge than without it.
  auto flat = make(R"("chain": {"detector": "image-intensifier", "vignetting": 0}, "needle": {"present": false})");
  const auto g = frameOf(*flat, 3);
  double edge = 0, edgeFlat = 0;
  for (int y = 500; y < 524; ++y) {
    edge += value(*ii, f, 60, y);
    edgeFlat += value(*flat, g, 60, y);
  }
  CHECK(edge < edgeFlat);
  CHECK(ii->scenario().chain.fieldDiameterMm == Approx(230));
}

TEST_CASE("collimation blacks out only what it covers", "[sim][chain][field]") {
  const std::string base = R"("chain": {"detector": "flat-panel", "encoding": "log")";
  auto open = make(base + "}");
  auto shut = make(base + R"(, "collimator": {"shutterLeftMm": 40, "shutterRightMm": 20}})");
  auto circle = make(base + R"(, "collimator": {"shape": "circle", "diameterMm": 200}})");
  auto rect = make(base + R"(, "collimator": {"shape": "rectangle", "widthMm": 180, "heightMm": 160}})");
  const auto a = frameOf(*open, 10), b = frameOf(*shut, 10), c = frameOf(*circle, 10), d = frameOf(*rect, 10);
  const double px = 0.184;
  const int left = static_cast<int>(40 / px), right = 1536 - static_cast<int>(20 / px);
  // Under the blades: black; away from them (beyond the blur): the very same image.
  CHECK(value(*shut, b, left / 2, 768) < 0.2 * value(*open, a, left / 2, 768));
  CHECK(value(*shut, b, (right + 1536) / 2, 768) < 0.2 * value(*open, a, (right + 1536) / 2, 768));
  int same = 0, total = 0;
  for (int y = 100; y < 1436; y += 37) {
    for (int x = left + 10; x < right - 10; x += 29) {
      ++total;
      if (value(*shut, b, x, y) == value(*open, a, x, y)) ++same;
    }
  }
  CHECK(same == total);
  const int r = static_cast<int>(100 / px);
  CHECK(value(*circle, c, 768 + r + 20, 768) < 0.2 * value(*open, a, 768 + r + 20, 768));
  CHECK(value(*circle, c, 768 + r - 20, 768) == value(*open, a, 768 + r - 20, 768));
  CHECK(value(*rect, d, 768, 768 + static_cast<int>(80 / px) + 20) < 0.2 * value(*open, a, 768, 768 + static_cast<int>(80 / px) + 20));
  CHECK(value(*rect, d, 768 + static_cast<int>(90 / px) - 20, 768) == value(*open, a, 768 + static_cast<int>(90 / px) - 20, 768));
  // The truth knows the field: a tip between the blades is in it.
  CHECK(shut->truth(40).tipInField);
}

TEST_CASE("the truth knows the field: under a blade no tip and no contrast, under a wedge both",
          "[sim][chain][field][truth]") {
  const std::string injection = R"("injection": {"pattern": "epidural", "startS": 4.5, "rateMlPerS": 1, "volumeMl": 3})";
  auto closed = make(R"("chain": {"detector": "flat-panel", "collimator": {"shutterLeftMm": 141, "shutterRightMm": 141}}, )" + injection);
  auto wedged = make(R"("chain": {"detector": "flat-panel", "collimator": {"wedge": "left", "wedgeWidthMm": 200, "wedgeAttenuation": 1.5}}, )" + injection);
  const int index = static_cast<int>(7.5 * 7.5);
  CHECK_FALSE(closed->truth(index).tipInField);
  CHECK(wedged->truth(index).tipInField);
  std::vector<uint8_t> mask;
  closed->contrastMask(index, mask);
  CHECK(std::count(mask.begin(), mask.end(), 255) <= 3 * 1536);  // the strip between the blades at most
  wedged->contrastMask(index, mask);
  CHECK(std::count(mask.begin(), mask.end(), 255) > 2000);
}

TEST_CASE("rendered image and truth agree in a scaled video signal and under pincushion", "[sim][chain][truth]") {
  // A flat panel scaled into a 1920 x 1080 signal: the steel is dark at the truth's tip.
  auto video = make(R"("output": "video", "chain": {"detector": "flat-panel"}, "video": {"size": "1920x1080", "text": "none"})");
  const int index = static_cast<int>(6 * 7.5);
  const auto f = frameOf(*video, index);
  const FrameTruth t = video->truth(index);
  const int tx = static_cast<int>(std::lround(t.tipXPx)), ty = static_cast<int>(std::lround(t.tipYPx));
  int darkest = 255, ring = 0;
  for (int dy = -2; dy <= 2; ++dy)
    for (int dx = -2; dx <= 2; ++dx) darkest = std::min(darkest, static_cast<int>(f[static_cast<size_t>(ty + dy) * 1920 + tx + dx]));
  for (int dx = 12; dx <= 16; ++dx) ring = std::max(ring, static_cast<int>(f[static_cast<size_t>(ty) * 1920 + tx + dx]));
  CHECK(darkest + 10 < ring);
  // Under a strong pincushion the contrast drawn (this frame minus the same frame of a run with no
  // injection, same noise) lies inside the distorted truth mask, and much less inside an
  // undistorted one.
  const std::string chain = R"("chain": {"detector": "image-intensifier", "pincushion": 0.1}, "target": {"interspace": "L3-4"})";
  auto with = make(chain + R"(, "injection": {"pattern": "intrathecal", "startS": 1, "rateMlPerS": 1, "volumeMl": 2.5})");
  auto without = make(chain);
  auto straight = make(R"("chain": {"detector": "image-intensifier"}, "target": {"interspace": "L3-4"}, "injection": {"pattern": "intrathecal", "startS": 1, "rateMlPerS": 1, "volumeMl": 2.5})");
  const int late = static_cast<int>(5 * 7.5);
  const auto a = frameOf(*with, late), b = frameOf(*without, late);
  std::vector<uint8_t> curvedMask, straightMask;
  with->contrastMask(late, curvedMask);
  straight->contrastMask(late, straightMask);
  int drawn = 0, inCurved = 0, inStraight = 0;
  for (int y = 0; y < 1024; ++y) {
    for (int x = 0; x < 1024; ++x) {
      const size_t i = static_cast<size_t>(y) * 1024 + x;
      const int da = reinterpret_cast<const uint16_t*>(a.data())[i], db = reinterpret_cast<const uint16_t*>(b.data())[i];
      if (db - da < 40) continue;  // contrast darkens by more than this
      ++drawn;
      inCurved += curvedMask[i] == 255;
      inStraight += straightMask[i] == 255;
    }
  }
  REQUIRE(drawn > 2000);
  CHECK(inCurved > 0.9 * drawn);
  CHECK(inStraight < inCurved);
}

TEST_CASE("a wedge filter darkens its edge, not the black of a blade, nor the rest", "[sim][chain][field]") {
  const std::string base = R"("chain": {"detector": "flat-panel", "encoding": "log")";
  auto open = make(base + "}");
  auto wedge = make(base + R"(, "collimator": {"wedge": "right", "wedgeWidthMm": 60, "wedgeAttenuation": 1.5}})");
  const auto a = frameOf(*open, 10), b = frameOf(*wedge, 10);
  const int x = 1530;  // at the thick edge
  CHECK(value(*wedge, b, x, 768) < value(*open, a, x, 768));
  CHECK(value(*wedge, b, x, 768) > 0.3 * value(*open, a, x, 768));  // attenuated, not black
  CHECK(value(*wedge, b, 300, 768) == value(*open, a, 300, 768));
}

TEST_CASE("encodings: log, linear in dose, windowed 8-bit video full or limited range", "[sim][chain][encoding]") {
  auto log = make(R"("chain": {"detector": "flat-panel", "encoding": "log"})");
  auto linear = make(R"("chain": {"detector": "flat-panel", "encoding": "linear"})");
  auto video = make(R"("chain": {"detector": "flat-panel", "encoding": "video"})");
  auto limited = make(R"("chain": {"detector": "flat-panel", "encoding": "video", "range": "limited"})");
  CHECK(log->format().pixelFormat == core::PixelFormat::Gray16);
  CHECK(linear->format().pixelFormat == core::PixelFormat::Gray16);
  CHECK(video->format().pixelFormat == core::PixelFormat::Gray8);
  CHECK(video->format().mmPerPixelX == Approx(0.184));  // an 8-bit export keeps its spacing
  const auto l = frameOf(*limited, 5), v = frameOf(*video, 5);
  const auto [lmin, lmax] = std::minmax_element(l.begin(), l.end());
  CHECK(*lmin >= 16);
  CHECK(*lmax <= 235);
  const auto [vmin, vmax] = std::minmax_element(v.begin(), v.end());
  CHECK(*vmin < 16);
  CHECK(*vmax > 235);
  // Linear: twice the quanta, twice the value; log: a constant step.
  // A brighter pixel is brighter in every encoding.
  const auto lin = frameOf(*linear, 5), lg = frameOf(*log, 5);
  CHECK((value(*linear, lin, 20, 20) < value(*linear, lin, 768, 768)) == (value(*log, lg, 20, 20) < value(*log, lg, 768, 768)));
  ImagingChain chain;
  chain.encoding = PixelEncoding::Linear;
  chain.bitsStored = 16;
  chain.columns = chain.rows = 64;
  ImageFormer former(chain, {}, 1);
  CHECK(former.valueForCounts(400) == Approx(2.0 * former.valueForCounts(200)).epsilon(0.01));
  chain.encoding = PixelEncoding::Log;
  ImageFormer logFormer(chain, {}, 1);
  const int step1 = logFormer.valueForCounts(400) - logFormer.valueForCounts(200);
  const int step2 = logFormer.valueForCounts(800) - logFormer.valueForCounts(400);
  CHECK(std::abs(step1 - step2) <= 1);
}

TEST_CASE("the video signal: size, the image inside, burned-in text at its level, black around",
          "[sim][chain][video]") {
  for (const char* size : {"1280x1024", "1920x1080"}) {
    auto white = make(std::string(R"("output": "video", "chain": {"detector": "image-intensifier"}, "video": {"size": ")") + size +
                      R"(", "text": "white"})");
    auto limitedWhite = make(std::string(R"("output": "video", "chain": {"detector": "image-intensifier", "range": "limited"}, "video": {"size": ")") +
                             size + R"(", "text": "limited-white"})");
    auto none = make(std::string(R"("output": "video", "chain": {"detector": "image-intensifier"}, "video": {"size": ")") + size +
                     R"(", "text": "none"})");
    const int w = white->format().width, h = white->format().height;
    CHECK(std::to_string(w) + "x" + std::to_string(h) == size);
    CHECK(white->format().pixelFormat == core::PixelFormat::Gray8);
    CHECK_FALSE(white->format().hasSpacing());
    const auto a = frameOf(*white, 20), b = frameOf(*limitedWhite, 20), c = frameOf(*none, 20);
    auto maxIn = [&](const std::vector<uint8_t>& f, int x0, int y0, int x1, int y1) {
      int m = 0;
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) m = std::max(m, static_cast<int>(f[static_cast<size_t>(y) * w + x]));
      return m;
    };
    CHECK(maxIn(a, 0, 0, 300, 100) == 255);   // the name, date and dose
    CHECK(maxIn(b, 0, 0, 300, 100) == 235);   // limited-range white
    CHECK(maxIn(c, 0, 0, 300, 100) == 0);     // no text
    CHECK(b[0] == 16);                        // limited-range black around the image
    // The image itself is the same with or without the text.
    const int cx = w / 2, cy = h / 2;
    CHECK(maxIn(a, cx - 50, cy - 50, cx + 50, cy + 50) == maxIn(c, cx - 50, cy - 50, cx + 50, cy + 50));
    // The truth is in the signal's pixels: the tip lies inside the picture.
    const FrameTruth t = white->truth(50);
    CHECK(t.tipXPx > (w - 1024) / 2.0);
    CHECK(t.tipXPx < (w + 1024) / 2.0);
  }
  // A flat panel taller than the signal is scaled into it.
  auto panel = make(R"("output": "video", "chain": {"detector": "flat-panel"}, "video": {"size": "1920x1080"})");
  CHECK(panel->maskScale() == Approx(1080.0 / 1536).epsilon(0.002));
}

TEST_CASE("the orientation marker burns the image's right-hand side letter into the picture", "[sim][chain][video]") {
  auto with = make(R"("output": "video", "video": {"marker": true})");
  auto without = make(R"("output": "video", "video": {"marker": false})");
  const auto a = frameOf(*with, 2), b = frameOf(*without, 2);
  int differ = 0;
  for (int y = 400; y < 600; ++y)
    for (int x = 1280 - 128 - 80; x < 1280 - 128; ++x) differ += a[static_cast<size_t>(y) * 1280 + x] != b[static_cast<size_t>(y) * 1280 + x];
  CHECK(differ > 50);
}

TEST_CASE("pulse rates and dropped frames", "[sim][chain][timing]") {
  for (double pps : {3.75, 7.5, 15.0, 30.0}) {
    auto p = make(R"("pulsesPerSecond": )" + std::to_string(pps));
    CHECK(p->frameCount() == static_cast<int>(8 * pps));
    CHECK(p->frameTimeS(3) == Approx(3 / pps));
  }
  auto drops = make(R"("chain": {"droppedFramesPercent": 10})");
  int dropped = 0;
  for (int64_t i = 0; i < 2000; ++i) dropped += drops->dropsRefresh(i);
  CHECK(dropped > 120);
  CHECK(dropped < 280);
  auto none = make("");
  for (int64_t i = 0; i < 200; ++i) CHECK_FALSE(none->dropsRefresh(i));
}

TEST_CASE("needles: gauge, stylet and K-wire change the steel in the beam", "[sim][chain][needle]") {
  core::CarmPose pose = core::standardPose(core::StandardView::AP);
  Projector projector{core::CarmGeometry(pose), 80};
  auto steel = [&](NeedleKind kind, int gauge, bool stylet) {
    NeedlePlan plan;
    plan.entryMm = {20, 60, -20};
    plan.targetMm = {0, 10, 0};
    sizeNeedle(plan, kind, gauge, stylet);
    std::vector<float> muL(static_cast<size_t>(1024) * 1024, 0.0f);
    projectNeedle(needleAt(plan, 100), plan, projector, {}, muL);
    double sum = 0;
    for (float v : muL) sum += v;
    return sum;
  };
  const double g18 = steel(NeedleKind::Spinal, 18, false), g22 = steel(NeedleKind::Spinal, 22, false),
               g25 = steel(NeedleKind::Spinal, 25, false), g22s = steel(NeedleKind::Spinal, 22, true),
               wire = steel(NeedleKind::KWire, 22, false);
  // The steel's cross-section: 18G 0.713 mm^2, 22G 0.275, 25G 0.151; a stylet fills the 22G's
  // lumen (0.407); a K-wire of 1.6 mm is solid (2.01) and longer.
  CHECK(g18 / g22 == Approx(0.713 / 0.275).epsilon(0.1));
  CHECK(g25 / g22 == Approx(0.151 / 0.275).epsilon(0.1));
  CHECK(g22s / g22 == Approx(0.407 / 0.275).epsilon(0.1));
  CHECK(wire > 5 * g22);
}

TEST_CASE("pincushion distortion moves the image and its truth outward, not the centre", "[sim][chain][distortion]") {
  auto straight = make(R"("chain": {"detector": "image-intensifier"}, "target": {"interspace": "L3-4"})");
  auto curved = make(R"("chain": {"detector": "image-intensifier", "pincushion": 0.08}, "target": {"interspace": "L3-4"})");
  const core::Vec3 far{30, 0, 40};
  const ImagePoint a = straight->project(far, 0), b = curved->project(far, 0);
  const double cx = 511.5;
  CHECK(std::hypot(b.xPx - cx, b.yPx - cx) > std::hypot(a.xPx - cx, a.yPx - cx) + 1.5);
  // The point on the beam's axis stays.
  const FrameTruth t0 = straight->truth(0), t1 = curved->truth(0);
  for (size_t i = 0; i < t0.vertebrae.size(); ++i) {
    const double r0 = std::hypot(t0.vertebrae[i].xPx - cx, t0.vertebrae[i].yPx - cx);
    const double r1 = std::hypot(t1.vertebrae[i].xPx - cx, t1.vertebrae[i].yPx - cx);
    CHECK(r1 >= r0 - 1e-6);
  }
}

TEST_CASE("malformed chain, video, needle and anatomy fields are named", "[sim][chain][scenario]") {
  CHECK(messageOf(R"("chain": {"detector": "ccd"})").find("chain.detector") != std::string::npos);
  CHECK(messageOf(R"("chain": {"detector": "image-intensifier", "pixelMm": 0.2})").find("chain.pixelMm") != std::string::npos);
  CHECK(messageOf(R"("chain": {"detector": "flat-panel", "pixelMm": 0.3})").find("chain.pixelMm") != std::string::npos);
  CHECK(messageOf(R"("chain": {"detector": "flat-panel", "fieldMm": 230})").find("chain.fieldMm") != std::string::npos);
  CHECK(messageOf(R"("chain": {"encoding": "gamma"})").find("chain.encoding") != std::string::npos);
  CHECK(messageOf(R"("chain": {"range": "studio"})").find("chain.range") != std::string::npos);
  CHECK(messageOf(R"("chain": {"collimator": {"shape": "star"}})").find("chain.collimator.shape") != std::string::npos);
  CHECK(messageOf(R"("chain": {"collimator": {"wedge": "middle"}})").find("chain.collimator.wedge") != std::string::npos);
  CHECK(messageOf(R"("chain": {"droppedFramesPercent": 50})").find("chain.droppedFramesPercent") != std::string::npos);
  CHECK(messageOf(R"("chain": {"lens": 1})").find("chain.lens") != std::string::npos);
  CHECK(messageOf(R"("output": "video", "chain": {"encoding": "log"})").find("chain") != std::string::npos);
  CHECK(messageOf(R"("output": "video", "video": {"size": "800x600"})").find("video.size") != std::string::npos);
  CHECK(messageOf(R"("output": "video", "video": {"text": "pink"})").find("video.text") != std::string::npos);
  CHECK(messageOf(R"("video": {"size": "1920x1080"})").find("'video' belongs to the video output") != std::string::npos);
  CHECK(messageOf(R"("chain": {"encoding": "log", "gamma": 2})").find("chain.gamma") != std::string::npos);
  CHECK(messageOf(R"("chain": {"encoding": "linear", "range": "limited"})").find("chain.range") != std::string::npos);
  CHECK(messageOf(R"("output": "video", "chain": {"range": "limited"})") == "accepted");
  CHECK(messageOf(R"("anatomy": {"model": "phantom", "vertebraePx": {"L4": [1, 2]}})").find("anatomy.vertebraePx") != std::string::npos);
  CHECK(messageOf(R"("anatomy": {"model": "radiograph", "image": "x.png", "targetPx": [1, 2]}, "secondaryDeg": 10)").find("secondaryDeg") != std::string::npos);
  CHECK(messageOf(R"("anatomy": {"model": "radiograph", "image": "x.png", "targetPx": [1, 2]}, "motion": {"rotationDeg": 2})").find("motion.rotationDeg") != std::string::npos);
  CHECK(messageOf(R"("chain": {"detector": "flat-panel", "pixelMm": 0.15}, "dose": {"detectorNGyPerPulse": 10})").find("below the 20") != std::string::npos);
  CHECK(messageOf(R"("needle": {"gauge": 21})").find("needle.gauge") != std::string::npos);
  CHECK(messageOf(R"("needle": {"kind": "trocar"})").find("needle.kind") != std::string::npos);
  CHECK(messageOf(R"("anatomy": "mri")").find("anatomy") != std::string::npos);
  CHECK(messageOf(R"("anatomy": {"model": "ct", "lumbarVertebrae": 6})").find("anatomy.model") != std::string::npos);
  CHECK(messageOf(R"("anatomy": {"model": "radiograph", "image": "x.png"})").find("anatomy.targetPx") != std::string::npos);
  CHECK(messageOf(R"("anatomy": {"model": "radiograph", "image": "x.png", "targetPx": [1, 2]}, "view": "lateral")").find("view") != std::string::npos);
  CHECK(messageOf(R"("dose": {"photonsPerPixel": 100, "detectorNGyPerPulse": 20})").find("dose.detectorNGyPerPulse") != std::string::npos);
}

TEST_CASE("dose per pulse at the detector sets the quanta per pixel", "[sim][chain][dose]") {
  auto s = parseScenario(R"({"name": "d", "chain": {"detector": "flat-panel", "pixelMm": 0.2}, "dose": {"detectorNGyPerPulse": 40}})", "d.json");
  REQUIRE(s.isOk());
  CHECK(s.value().dose.photonsPerPixel == Approx(40 * 30 * 0.2 * 0.2));
}

TEST_CASE("a bent needle's direction is where its tip heads, and its shaft bends smoothly up to it",
          "[sim][needle]") {
  NeedlePlan plan;
  plan.entryMm = {30, 70, -20};
  plan.targetMm = {0, 10, 0};
  plan.bendMm = 3;
  for (const double t : {3.0, 6.0, 10.0}) {
    const NeedleState n = needleAt(plan, t);
    REQUIRE(n.shaftMm.size() >= 3);
    // The last piece of shaft is short and lies along the direction to within a small angle: the
    // image's needle at its tip points where the truth says (a 6 mm piece lagged by 0.4 degrees
    // at a 1 mm bend, 1.0 at 3 mm).
    const core::Vec3 last = n.shaftMm.back() - n.shaftMm[n.shaftMm.size() - 2];
    CHECK(last.norm() < 2.0);
    const double cosine = last.normalized().dot(n.directionMm);
    CHECK(std::acos(std::min(1.0, cosine)) * 180 / M_PI < 0.3);
    CHECK((n.tipMm - n.shaftMm.back()).norm() < 1e-9);  // the shaft ends at the tip
  }
}
