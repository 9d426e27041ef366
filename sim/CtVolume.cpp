#include "sim/CtVolume.hpp"

#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkNIFTIImageReader.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkDataArray.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <system_error>

#include "core/AssetDir.hpp"

namespace fg::sim {
namespace {

struct Read {
  int dims[3] = {0, 0, 0};
  core::Mat3 toLps;
  core::Vec3 origin;
  std::vector<float> values;
};

core::Result<Read> readNifti(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return core::Status::error(core::StatusCode::NotFound, "CT file '" + file.string() + "' is missing");
  }
  vtkNew<vtkNIFTIImageReader> reader;
  if (!reader->CanReadFile(file.c_str())) {
    return core::Status::error(core::StatusCode::Corrupt, "CT file '" + file.string() + "' is not a NIfTI-1 image");
  }
  reader->SetFileName(file.c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  vtkDataArray* scalars = image ? image->GetPointData()->GetScalars() : nullptr;
  Read out;
  if (image) image->GetDimensions(out.dims);
  const size_t count = static_cast<size_t>(out.dims[0]) * out.dims[1] * out.dims[2];
  if (!scalars || count == 0 || static_cast<size_t>(scalars->GetNumberOfTuples()) != count) {
    return core::Status::error(core::StatusCode::Corrupt, "CT file '" + file.string() + "' holds no readable voxels");
  }
  vtkMatrix4x4* m = reader->GetSFormMatrix() ? reader->GetSFormMatrix() : reader->GetQFormMatrix();
  if (!m) {
    return core::Status::error(core::StatusCode::Corrupt,
                               "CT file '" + file.string() + "' does not say where its voxels are (no sform or qform)");
  }
  double spacing[3], origin[3];
  image->GetSpacing(spacing);
  image->GetOrigin(origin);
  // VTK data coordinates (origin + index * spacing) -> NIfTI RAS by the matrix; RAS -> LPS flips x, y.
  const double flip[3] = {-1, -1, 1};
  double ras0[3] = {0, 0, 0};
  for (int r = 0; r < 3; ++r) {
    ras0[r] = m->GetElement(r, 3);
    for (int c = 0; c < 3; ++c) {
      ras0[r] += m->GetElement(r, c) * origin[c];
      out.toLps.m[static_cast<size_t>(r * 3 + c)] = flip[r] * m->GetElement(r, c) * spacing[c];
    }
  }
  out.origin = {flip[0] * ras0[0], flip[1] * ras0[1], flip[2] * ras0[2]};
  out.values.resize(count);
  for (size_t i = 0; i < count; ++i) out.values[i] = static_cast<float>(scalars->GetComponent(static_cast<vtkIdType>(i), 0));
  return out;
}


}  // namespace

core::Vec3 CtVolume::voxelOf(const core::Vec3& lps) const { return voxelToLps.inverse() * (lps - originLps); }

double CtVolume::voxelSizeMm() const {
  return std::max({voxelToLps.column(0).norm(), voxelToLps.column(1).norm(), voxelToLps.column(2).norm()});
}

core::Result<CtVolume> loadCtVolume(const std::filesystem::path& huFile, const std::filesystem::path& labelFile) {
  auto hu = readNifti(huFile);
  if (!hu) return hu.status();
  auto labels = readNifti(labelFile);
  if (!labels) return labels.status();
  const Read& h = hu.value();
  const Read& l = labels.value();
  if (!std::equal(h.dims, h.dims + 3, l.dims) || (h.origin - l.origin).norm() > 0.01) {
    return core::Status::error(core::StatusCode::Corrupt, "CT label map '" + labelFile.string() +
                                                              "' is not on the grid of '" + huFile.string() + "'");
  }
  CtVolume v;
  v.nx = h.dims[0];
  v.ny = h.dims[1];
  v.nz = h.dims[2];
  v.voxelToLps = h.toLps;
  v.originLps = h.origin;
  v.hu = std::move(hu.value().values);
  v.labels.resize(l.values.size());
  for (size_t i = 0; i < l.values.size(); ++i) {
    v.labels[i] = static_cast<uint8_t>(std::clamp(l.values[i], 0.0f, 255.0f));
  }
  return v;
}

core::Result<std::shared_ptr<const CtVolume>> bundledCt() {
  static std::mutex mutex;
  static std::shared_ptr<const CtVolume> cached;
  const std::lock_guard lock(mutex);
  if (cached) return cached;
  const std::filesystem::path dir = core::assetDir() / "ct";
  auto ct = loadCtVolume(dir / "lumbar_ct_3mm.nii.gz", dir / "lumbar_ct_3mm_vertebrae.nii.gz");
  if (!ct) return ct.status();
  cached = std::make_shared<const CtVolume>(std::move(ct.value()));
  return cached;
}

}  // namespace fg::sim
