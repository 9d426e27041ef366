#include "render/OverlayPass.hpp"

#include <algorithm>

#include <cmath>
#include <cstddef>
#include <numbers>

namespace fg::render {
namespace {

class Tessellator {
 public:
  Tessellator(const ViewTransform& view, const GlyphAtlas& atlas, std::vector<OverlayVertex>& out)
      : view_(view), atlas_(atlas), out_(out) {}

  Vec2 place(Space space, Vec2 p) const { return space == Space::Image ? view_.imageToViewport(p) : p; }

  void quad(Vec2 a, Vec2 b, Vec2 c, Vec2 d, float u0, float v0, float u1, float v1, Color col) {
    // a-b-c-d clockwise from the top-left.
    const OverlayVertex va{a.x, a.y, u0, v0, col.r, col.g, col.b, col.a};
    const OverlayVertex vb{b.x, b.y, u1, v0, col.r, col.g, col.b, col.a};
    const OverlayVertex vc{c.x, c.y, u1, v1, col.r, col.g, col.b, col.a};
    const OverlayVertex vd{d.x, d.y, u0, v1, col.r, col.g, col.b, col.a};
    out_.insert(out_.end(), {va, vb, vc, va, vc, vd});
  }

  void solidQuad(Vec2 a, Vec2 b, Vec2 c, Vec2 d, Color col) {
    quad(a, b, c, d, atlas_.whiteU, atlas_.whiteV, atlas_.whiteU, atlas_.whiteV, col);
  }

  void segment(Vec2 a, Vec2 b, float width, Color col) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len < 1e-3f) return;
    // Extend by half the width at both ends so joints close.
    const float ux = dx / len * width * 0.5f, uy = dy / len * width * 0.5f;
    const float nx = -uy, ny = ux;
    solidQuad({a.x - ux + nx, a.y - uy + ny}, {b.x + ux + nx, b.y + uy + ny},
              {b.x + ux - nx, b.y + uy - ny}, {a.x - ux - nx, a.y - uy - ny}, col);
  }

  void polyline(const std::vector<Vec2>& points, Space space, bool closed, float width, Color col) {
    for (size_t i = 0; i + 1 < points.size(); ++i) {
      segment(place(space, points[i]), place(space, points[i + 1]), width, col);
    }
    if (closed && points.size() > 2) segment(place(space, points.back()), place(space, points.front()), width, col);
  }

  void marker(const OverlayMarker& m) {
    const Vec2 c = view_.imageToViewport(m.imagePx);
    const float r = m.sizePx * 0.5f;
    switch (m.shape) {
      case MarkerShape::Cross:
        segment({c.x - r, c.y}, {c.x + r, c.y}, m.widthPx, m.color);
        segment({c.x, c.y - r}, {c.x, c.y + r}, m.widthPx, m.color);
        break;
      case MarkerShape::Square:
        polyline({{c.x - r, c.y - r}, {c.x + r, c.y - r}, {c.x + r, c.y + r}, {c.x - r, c.y + r}},
                 Space::Viewport, true, m.widthPx, m.color);
        break;
      case MarkerShape::Circle: {
        std::vector<Vec2> ring;
        constexpr int kSegments = 32;
        for (int i = 0; i < kSegments; ++i) {
          const float t = 2.0f * std::numbers::pi_v<float> * i / kSegments;
          ring.push_back({c.x + r * std::cos(t), c.y + r * std::sin(t)});
        }
        polyline(ring, Space::Viewport, true, m.widthPx, m.color);
        break;
      }
      case MarkerShape::Invalid: break;
    }
  }

  void glyphs(const std::string& text, Vec2 topLeft, Color col) {
    float penX = std::round(topLeft.x);
    const float penY = std::round(topLeft.y);
    for (char ch : text) {
      const Glyph& g = atlas_.glyph(ch);
      if (g.x1 > g.x0) {
        quad({penX + g.x0, penY + g.y0}, {penX + g.x1, penY + g.y0}, {penX + g.x1, penY + g.y1},
             {penX + g.x0, penY + g.y1}, g.u0, g.v0, g.u1, g.v1, col);
      }
      penX += g.advancePx;
    }
  }

  void text(const OverlayText& t) {
    const Vec2 anchor = place(t.space, t.anchor);
    const float w = atlas_.textWidthPx(t.text), h = atlas_.lineHeightPx;
    Vec2 topLeft{anchor.x + t.offsetPx.x - t.pivot.x * w, anchor.y + t.offsetPx.y - t.pivot.y * h};
    // Never cut by the view's edge: text whose anchor is in view is moved inside it whole.
    const float vw = static_cast<float>(view_.viewportWidth()), vh = static_cast<float>(view_.viewportHeight());
    constexpr float kEdge = 6;
    if (anchor.x >= 0 && anchor.y >= 0 && anchor.x <= vw && anchor.y <= vh) {
      if (w + 2 * kEdge <= vw) topLeft.x = std::clamp(topLeft.x, kEdge, vw - w - kEdge);
      if (h + 2 * kEdge <= vh) topLeft.y = std::clamp(topLeft.y, kEdge, vh - h - kEdge);
    }
    if (t.background.a > 0) {
      constexpr float kPad = 4;
      solidQuad({topLeft.x - kPad, topLeft.y - kPad}, {topLeft.x + w + kPad, topLeft.y - kPad},
                {topLeft.x + w + kPad, topLeft.y + h + kPad}, {topLeft.x - kPad, topLeft.y + h + kPad},
                t.background);
    } else {
      // A dark halo keeps text readable over bright bone and dark soft tissue alike.
      for (Vec2 d : {Vec2{-1, 0}, Vec2{1, 0}, Vec2{0, -1}, Vec2{0, 1}, Vec2{1, 1}}) {
        glyphs(t.text, {topLeft.x + d.x, topLeft.y + d.y}, colors::kShadow);
      }
    }
    glyphs(t.text, topLeft, t.color);
  }

 private:
  const ViewTransform& view_;
  const GlyphAtlas& atlas_;
  std::vector<OverlayVertex>& out_;
};

}  // namespace

void tessellateOverlay(const OverlayList& list, const ViewTransform& view, const GlyphAtlas& atlas,
                       std::vector<OverlayVertex>& out) {
  out.clear();
  Tessellator t(view, atlas, out);
  for (const auto& r : list.rects()) {
    t.solidQuad(r.minPx, {r.maxPx.x, r.minPx.y}, r.maxPx, {r.minPx.x, r.maxPx.y}, r.color);
  }
  for (const auto& l : list.lines()) {
    // Image-space lines get a thin dark outline first, for contrast against any background.
    Color shadow = colors::kShadow;
    shadow.a *= l.color.a;
    t.polyline(l.points, l.space, l.closed, l.widthPx + 2, shadow);
    t.polyline(l.points, l.space, l.closed, l.widthPx, l.color);
  }
  for (const auto& m : list.markers()) {
    OverlayMarker outline = m;
    outline.widthPx += 2;
    outline.color = colors::kShadow;
    t.marker(outline);
    t.marker(m);
  }
  for (const auto& text : list.texts()) t.text(text);
}

core::Result<OverlayPass> OverlayPass::create(const GlyphAtlas& atlas) {
  auto program = ShaderProgram::build("overlay.vert", "overlay.frag");
  if (!program) return program.status();
  OverlayPass pass;
  pass.atlas_ = atlas;
  pass.program_ = std::move(program.value());
  pass.atlasTexture_ = GlTexture::create();
  glBindTexture(GL_TEXTURE_2D, pass.atlasTexture_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.width, atlas.height, 0, GL_RED, GL_UNSIGNED_BYTE,
               atlas.coverage.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  pass.vertexArray_ = GlVertexArray::create();
  pass.vertexBuffer_ = GlBuffer::create();
  glBindVertexArray(pass.vertexArray_.get());
  glBindBuffer(GL_ARRAY_BUFFER, pass.vertexBuffer_.get());
  const auto stride = static_cast<GLsizei>(sizeof(OverlayVertex));
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(OverlayVertex, x)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(OverlayVertex, u)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(OverlayVertex, r)));
  glBindVertexArray(0);
  return pass;
}

void OverlayPass::draw(const OverlayList& list, const ViewTransform& view) {
  if (list.empty()) return;
  tessellateOverlay(list, view, atlas_, vertices_);
  if (vertices_.empty()) return;
  glBindVertexArray(vertexArray_.get());
  glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_.get());
  const size_t bytes = vertices_.size() * sizeof(OverlayVertex);
  if (bytes > bufferCapacity_) {
    bufferCapacity_ = bytes * 2;
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bufferCapacity_), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), vertices_.data());
  glUseProgram(program_.id());
  glUniform2f(program_.uniform("uViewportPx"), static_cast<float>(view.viewportWidth()),
              static_cast<float>(view.viewportHeight()));
  glUniform1i(program_.uniform("uAtlas"), 0);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, atlasTexture_.get());
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
}

}  // namespace fg::render
